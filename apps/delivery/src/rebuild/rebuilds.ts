import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG } from '@broadsheet/observability';
import { MONGO_CONNECTION } from '@broadsheet/persistence';
import { Kafka } from 'kafkajs';
import { Connection } from 'mongoose';
import { DeliveryConfig } from '../config';
import { Rebuild, RebuildProgress } from './rebuild';

/** The rebuilds this process ran; one at a time (a second request while one runs is a 409). */
@Injectable()
export class Rebuilds {
  private readonly runs = new Map<string, Rebuild>();
  private running?: Rebuild;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  start(): RebuildProgress {
    if (this.running) {
      throw new DomainError(ErrorCodes.Conflict, `rebuild ${this.running.progress.id} is still running`);
    }
    const id = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const rebuild = new Rebuild(
      { connection: this.connection, kafka: this.kafka, topicPrefix: this.config.TOPIC_PREFIX },
      id,
    );
    this.runs.set(id, rebuild);
    this.running = rebuild;
    void rebuild.run().finally(() => (this.running = undefined));
    return rebuild.progress;
  }

  progress(id: string): RebuildProgress {
    const found = this.runs.get(id);
    if (!found) throw new DomainError(ErrorCodes.NotFound, `no rebuild ${id} in this process`);
    return found.progress;
  }
}
