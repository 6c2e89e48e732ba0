/** How a partition's commits reach Kafka, and how it is read again from an offset. */
export interface PartitionCommitter {
  /** Commits `next` (the next offset to read). */
  commit(next: string): Promise<void>;
  /** Makes the consumer fetch the partition again from `offset` (kafkajs seek: applied at the next fetch). */
  rewind(offset: string): void;
  /** A deferred write failed: its events are read again, one batch at a time. */
  onRewind(offset: string, error: unknown): void;
}

/** A batch handed to a handler that returned before its effects were durable. */
export interface DeferredBatch {
  /** The first offset of the batch not yet handled: where reading starts again if `durable` fails. */
  from: string;
  durable: Promise<void>;
  /** The offset to commit once durable (computed then: what the batch run counts as done). */
  next(): string | undefined;
  /** Offsets already handled for good (dead-lettered, tombstones): not handled again if the batch is read again. */
  handled(): string[];
}

/**
 * One partition's commits, in offset order. A batch whose handler deferred its effects is committed
 * once they are durable and every earlier batch of the partition is committed; when they fail, the
 * partition is read again from that batch (later batches' effects are done again: handlers are
 * idempotent, like any redelivery) and the batches it re-reads are handled synchronously, so failures
 * are retried, bisected and dead-lettered exactly as without deferral. Nothing is committed early.
 */
export class PartitionCommits {
  private tail: Promise<void> = Promise.resolve();
  /** Bumped by every rewind: what was queued before it is abandoned, to be read again. */
  private generation = 0;
  /** Batches that start below this offset were rewound to: they are handled without deferral. */
  private redeliverBelow = -1n;
  private pending = 0;
  /** Offsets of abandoned batches that were handled for good: skipped when read again (no second dead letter). */
  private readonly handledBefore = new Set<string>();

  constructor(private readonly committer: PartitionCommitter) {}

  /** The generation a batch run starts in; its commits count only if no rewind came in between. */
  get current(): number {
    return this.generation;
  }

  /** True while re-reading a rewound range: such a batch is handled synchronously, as before deferral existed. */
  redelivering(firstOffset: string): boolean {
    return BigInt(firstOffset) < this.redeliverBelow;
  }

  /** True for an offset handled for good in a batch a rewind abandoned: the re-read skips it. */
  wasHandled(offset: string): boolean {
    return this.handledBefore.has(offset);
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  /**
   * Commits `next` after every batch queued before it, unless a rewind abandoned its generation; then
   * the offsets `handled` for good are remembered, so reading them again does not handle them twice.
   */
  commit(generation: number, next: string, handled: string[]): Promise<void> {
    return this.enqueue(async () => {
      if (generation === this.generation) await this.committed(next);
      else this.remember(handled);
    });
  }

  /** Commits a deferred batch once its effects are durable; rewinds the partition to it if they fail. */
  track(generation: number, batch: DeferredBatch, upTo: string): void {
    const run = this.enqueue(async () => {
      if (generation !== this.generation) return this.remember(batch.handled());
      try {
        await batch.durable;
      } catch (error) {
        this.generation += 1;
        this.redeliverBelow = BigInt(upTo);
        this.remember(batch.handled());
        this.committer.rewind(batch.from);
        this.committer.onRewind(batch.from, error);
        return;
      }
      const next = batch.next();
      if (next !== undefined) await this.committed(next);
    });
    // A commit the broker refused leaves these events to be read again: nothing to do here.
    run.catch(() => undefined);
  }

  private async committed(next: string): Promise<void> {
    await this.committer.commit(next);
    for (const offset of this.handledBefore) if (BigInt(offset) < BigInt(next)) this.handledBefore.delete(offset);
  }

  private remember(offsets: string[]): void {
    for (const offset of offsets) this.handledBefore.add(offset);
  }

  /** Settles once everything queued so far has (for a clean stop). */
  async drained(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.pending += 1;
    const run = this.tail.then(step).finally(() => {
      this.pending -= 1;
    });
    // A commit the broker refuses (a rebalance, a broker down) only means these events are read again.
    this.tail = run.catch(() => undefined);
    return run;
  }
}
