import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG } from '@broadsheet/observability';
import { isDuplicateKey, MONGO_CONNECTION } from '@broadsheet/persistence';
import { Kafka } from 'kafkajs';
import { Collection, Connection } from 'mongoose';
import { DeliveryConfig } from '../config';
import { Rebuild, RebuildProgress } from './rebuild';

/** One rebuild at a time across every replica: the lock is a document; its lease outlives a crashed holder by little. */
const LOCK = 'lock';
const LEASE_MS = 60_000;
/** Progress is written at most this often while replaying (and at every state change). */
const SAVE_EVERY_MS = 500;

type RebuildDoc = { _id: string; holder?: string; until?: Date; progress?: RebuildProgress };

/**
 * Starts rebuilds and answers their progress from the store (`rebuilds` collection), so any replica
 * behind the Service answers for a rebuild another replica runs.
 */
@Injectable()
export class Rebuilds {
  private readonly store: Collection<RebuildDoc>;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
  ) {
    this.store = connection.collection<RebuildDoc>('rebuilds');
  }

  async start(): Promise<RebuildProgress> {
    const id = new Date().toISOString().replace(/\D/g, '').slice(0, 17);
    await this.lock(id);
    let savedAt = 0;
    const save = async (progress: RebuildProgress): Promise<void> => {
      const final = progress.state === 'done' || progress.state === 'failed';
      if (!final && progress.state === 'replaying' && Date.now() - savedAt < SAVE_EVERY_MS) return;
      savedAt = Date.now();
      await this.store.updateOne({ _id: id }, { $set: { progress } }, { upsert: true });
      if (final) await this.store.deleteOne({ _id: LOCK, holder: id });
      else await this.store.updateOne({ _id: LOCK, holder: id }, { $set: { until: new Date(Date.now() + LEASE_MS) } });
    };
    const rebuild = new Rebuild(
      { connection: this.connection, kafka: this.kafka, topicPrefix: this.config.TOPIC_PREFIX, save },
      id,
    );
    await save(rebuild.progress);
    void rebuild.run();
    return rebuild.progress;
  }

  async progress(id: string): Promise<RebuildProgress> {
    const found = id === LOCK ? null : await this.store.findOne({ _id: id });
    if (!found?.progress) throw new DomainError(ErrorCodes.NotFound, `no rebuild ${id}`);
    return found.progress;
  }

  /** Takes the lock, or a lock whose holder stopped renewing it; a live holder makes this a 409. */
  private async lock(id: string): Promise<void> {
    const until = new Date(Date.now() + LEASE_MS);
    try {
      await this.store.insertOne({ _id: LOCK, holder: id, until });
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const taken = await this.store.updateOne(
      { _id: LOCK, until: { $lt: new Date() } },
      { $set: { holder: id, until } },
    );
    if (taken.modifiedCount === 1) return;
    const held = await this.store.findOne({ _id: LOCK });
    throw new DomainError(ErrorCodes.Conflict, `rebuild ${held?.holder ?? '?'} is still running`);
  }
}
