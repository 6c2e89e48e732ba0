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

  constructor(private readonly committer: PartitionCommitter) {}

  /** The generation a batch run starts in; its commits count only if no rewind came in between. */
  get current(): number {
    return this.generation;
  }

  /** True while re-reading a rewound range: such a batch is handled synchronously, as before deferral existed. */
  redelivering(firstOffset: string): boolean {
    return BigInt(firstOffset) < this.redeliverBelow;
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  /** Commits `next` after every batch queued before it, unless a rewind abandoned its generation. */
  commit(generation: number, next: string): Promise<void> {
    return this.enqueue(async () => {
      if (generation === this.generation) await this.committer.commit(next);
    });
  }

  /** Commits a deferred batch once its effects are durable; rewinds the partition to it if they fail. */
  track(generation: number, batch: DeferredBatch, upTo: string): void {
    const run = this.enqueue(async () => {
      if (generation !== this.generation) return;
      try {
        await batch.durable;
      } catch (error) {
        this.generation += 1;
        this.redeliverBelow = BigInt(upTo);
        this.committer.rewind(batch.from);
        this.committer.onRewind(batch.from, error);
        return;
      }
      const next = batch.next();
      if (next !== undefined) await this.committer.commit(next);
    });
    // A commit the broker refused leaves these events to be read again: nothing to do here.
    run.catch(() => undefined);
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
