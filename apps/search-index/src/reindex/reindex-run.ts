import { Logger } from '@nestjs/common';
import { ArticleContent, DomainError } from '@broadsheet/contracts';
import { SearchDocument, settingsVersion } from '@broadsheet/search';
import { EachBatchPayload, Kafka } from 'kafkajs';
import { Meilisearch } from 'meilisearch';
import { IndexMetrics } from '../indexing/index-metrics';
import { ensureIndex } from '../indexing/index-setup';
import { check, IndexWriter, taskWait } from '../indexing/index-writer';
import { WriteGate } from '../indexing/write-gate';
import { ContentLog } from '../status/content-log';
import { FollowedBatch, LogFollower } from './log-follower';
import { lagOf, ReindexCounters, reached } from './reindex-progress';

export interface ReindexDeps {
  meili: Meilisearch;
  kafka: Kafka;
  log: ContentLog;
  gate: WriteGate;
  metrics: IndexMetrics;
  /** The live index's uid. */
  liveUid: string;
}

/** Lag under which the follower is close enough to take the write gate and finish under it. */
const nearlyCaughtUp = 500;
/** Longest the live index's writes may wait on the swap: past it the reindex fails and live writes go on. */
const swapWaitMs = 120_000;

/**
 * One rebuild: a new index with the code's settings, filled by replaying the content log with a group of
 * its own and following it until caught up; then, with live writes held back, read to the log's end,
 * swapped in (Meilisearch's atomic index swap, so searches answer throughout) and the old index deleted.
 */
export class ReindexRun {
  private readonly logger = new Logger(ReindexRun.name);
  readonly counters: ReindexCounters;
  private readonly writer: IndexWriter;
  private readonly follower: LogFollower;
  private stopping = false;
  private rejected = 0;

  constructor(
    private readonly deps: ReindexDeps,
    id: string,
    groupId: string,
  ) {
    const index = `${deps.liveUid}_reindex_${id}`;
    this.counters = {
      ...{ id, state: 'preparing', index, settingsVersion, startedAt: new Date() },
      ...{ eventsRead: 0, documentsIndexed: 0, skipped: 0, lag: 0 },
    };
    this.writer = new IndexWriter(deps.meili.index<SearchDocument>(index));
    this.follower = new LogFollower(deps.kafka, deps.log.topic, groupId, (batch, payload) =>
      this.write(batch, payload),
    );
  }

  /** Makes a running reindex fail at its next step, so it cleans up after itself. */
  stop(): Promise<void> {
    this.stopping = true;
    return Promise.resolve();
  }

  get running(): boolean {
    return this.counters.state !== 'done' && this.counters.state !== 'failed';
  }

  async run(): Promise<void> {
    let swapped = false;
    try {
      await ensureIndex(this.deps.meili, this.counters.index);
      this.counters.state = 'replaying';
      await this.follower.start();
      await this.until(async () => (await this.refreshLag()) <= nearlyCaughtUp);
      this.counters.state = 'swapping';
      swapped = await this.deps.gate.exclusiveWhile(() => this.swap());
      await this.cleanUp(swapped);
      this.finish('done');
    } catch (error) {
      this.counters.error = error instanceof Error ? error.message : String(error);
      this.logger.error(`reindex ${this.counters.id} failed: ${this.counters.error}`);
      await this.cleanUp(swapped).catch(() => undefined);
      this.finish('failed');
    }
  }

  private finish(state: 'done' | 'failed'): void {
    this.counters.finishedAt = new Date();
    this.counters.state = state;
  }

  /** Under the write gate: read to the log's end as it is now, then swap; live writes resume on the new index. */
  private async swap(): Promise<boolean> {
    const ends = await this.deps.log.endOffsets();
    const deadline = Date.now() + swapWaitMs;
    await this.until(async () => {
      if (Date.now() > deadline)
        throw new Error(`not caught up with the log within ${swapWaitMs} ms of holding live writes`);
      await this.refreshLag();
      return reached(ends, this.follower.next);
    });
    const swap = this.deps.meili.swapIndexes([{ indexes: [this.deps.liveUid, this.counters.index], rename: false }]);
    check(await swap.waitTask(taskWait), 'swap indexes');
    this.logger.log(`reindex ${this.counters.id} swapped in after ${this.counters.eventsRead} events`);
    return true;
  }

  /** Stops the follower and removes its group and whichever index is not live (the old one after a swap). */
  private async cleanUp(swapped: boolean): Promise<void> {
    this.stopping = true;
    await this.follower.stop().catch(() => undefined);
    await this.deps.log.deleteGroup(this.follower.groupId).catch(() => undefined);
    const task = await this.deps.meili
      .deleteIndex(this.counters.index)
      .waitTask(taskWait)
      .catch(() => undefined);
    if (task?.status !== 'succeeded')
      this.logger.warn(`could not delete index ${this.counters.index} (swapped: ${swapped})`);
    this.deps.metrics.reindexLag.set({ reindex: this.counters.id }, this.counters.lag);
  }

  /** Writes one fetched batch into the new index, waiting out a Meilisearch that cannot be reached. */
  private async write(batch: FollowedBatch, payload: EachBatchPayload): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.stopping) throw new Error('reindex stopped');
      try {
        const written = await this.writeSkippingRejected(batch.contents);
        this.counted(batch.events, written);
        return;
      } catch (error) {
        this.logger.warn(`reindex ${this.counters.id} write failed (attempt ${attempt}): ${String(error)}`);
        await sleep(Math.min(10_000, 200 * 2 ** attempt));
        await payload.heartbeat();
      }
    }
  }

  /** A document Meilisearch rejects is skipped (the live group dead-letters it); the rest are written. */
  private async writeSkippingRejected(contents: ArticleContent[]): Promise<number> {
    try {
      return (await this.writer.apply(contents)).length;
    } catch (error) {
      if (!(error instanceof DomainError) || error.retryable || contents.length === 1) {
        if (contents.length === 1 && error instanceof DomainError && !error.retryable) {
          this.rejected += 1;
          return 0;
        }
        throw error;
      }
      let written = 0;
      for (const content of contents) written += await this.writeSkippingRejected([content]);
      return written;
    }
  }

  private counted(events: number, written: number): void {
    this.counters.eventsRead += events;
    this.counters.documentsIndexed += written;
    this.counters.skipped = this.follower.skipped + this.rejected;
    const id = { reindex: this.counters.id };
    this.deps.metrics.reindexEvents.set(id, this.counters.eventsRead);
    this.deps.metrics.reindexDocuments.set(id, this.counters.documentsIndexed);
    this.deps.metrics.batchSize.observe({ index: 'reindex' }, events);
    this.deps.metrics.documentsIndexed.inc({ index: 'reindex' }, written);
  }

  private async refreshLag(): Promise<number> {
    this.counters.lag = lagOf(await this.deps.log.bounds(), this.follower.next);
    this.deps.metrics.reindexLag.set({ reindex: this.counters.id }, this.counters.lag);
    return this.counters.lag;
  }

  private async until(done: () => Promise<boolean>): Promise<void> {
    while (!(await done())) {
      if (this.stopping) throw new Error('reindex stopped: search-index is shutting down');
      await sleep(200);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
