import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { MEILI } from '@broadsheet/search';
import { Kafka } from 'kafkajs';
import { Meilisearch } from 'meilisearch';
import { randomBytes } from 'node:crypto';
import { IndexMetrics } from '../indexing/index-metrics';
import { IndexSetup } from '../indexing/index-setup';
import { WriteGate } from '../indexing/write-gate';
import { ContentLog } from '../status/content-log';
import { progressOf, ReindexProgress } from './reindex-progress';
import { ReindexRun } from './reindex-run';

/** Reindexes kept for `GET /v1/admin/reindex/:id` after they end. */
const kept = 20;

/** Starts reindexes, one at a time, and reports on them. */
@Injectable()
export class ReindexService implements OnModuleDestroy {
  private readonly runs = new Map<string, { run: ReindexRun; done: Promise<void> }>();

  constructor(
    @Inject(MEILI) private readonly meili: Meilisearch,
    private readonly kafka: Kafka,
    private readonly log: ContentLog,
    private readonly gate: WriteGate,
    private readonly metrics: IndexMetrics,
    private readonly setup: IndexSetup,
  ) {}

  /** Starts a reindex; a second one while one runs is a conflict naming the running one. */
  start(): ReindexProgress {
    const current = this.current();
    if (current) {
      throw new DomainError(ErrorCodes.Conflict, `reindex ${current.counters.id} is still running`, [
        { path: 'reindex', message: `running: ${current.counters.id}` },
      ]);
    }
    const id = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(3).toString('hex')}`;
    const run = new ReindexRun(
      {
        meili: this.meili,
        kafka: this.kafka,
        log: this.log,
        gate: this.gate,
        metrics: this.metrics,
        liveUid: this.setup.live.uid,
      },
      id,
      `${this.log.liveGroup}-reindex-${id}`,
    );
    this.runs.set(id, { run, done: run.run() });
    this.forgetOld();
    return progressOf(run.counters, new Date());
  }

  progress(id: string): ReindexProgress {
    const entry = this.runs.get(id);
    if (!entry) {
      throw new DomainError(ErrorCodes.NotFound, `no reindex ${id}`, [{ path: 'id', message: 'unknown reindex' }]);
    }
    return progressOf(entry.run.counters, new Date());
  }

  /** The running reindex, if any. */
  current(): ReindexRun | undefined {
    return [...this.runs.values()].find((e) => e.run.running)?.run;
  }

  /** A shutdown lets a running reindex fail and clean up its index and group rather than leave them behind. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.runs.values()].map((e) => e.run.stop().then(() => e.done)));
  }

  private forgetOld(): void {
    for (const [id, entry] of this.runs) {
      if (this.runs.size <= kept) return;
      if (!entry.run.running) this.runs.delete(id);
    }
  }
}
