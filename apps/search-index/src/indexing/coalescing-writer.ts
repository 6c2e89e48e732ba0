import { ArticleContent } from '@broadsheet/contracts';
import { EnqueuedWrite } from './index-writer';

/** Where the writer sends states: a version-guarded enqueue, and a synchronous write used to isolate failures. */
export interface WriteTarget {
  enqueue(contents: ArticleContent[]): Promise<EnqueuedWrite>;
  apply(contents: ArticleContent[]): Promise<ArticleContent[]>;
}

/** A caller's states, accepted by Meilisearch: `durable` resolves with those written once they are applied. */
export interface AcceptedWrite {
  durable: Promise<ArticleContent[]>;
}

interface Waiter {
  contents: ArticleContent[];
  resolve(accepted: AcceptedWrite): void;
  reject(error: unknown): void;
}

export interface CoalescingOptions {
  /** Largest group of states sent as one write (whole caller batches only). */
  maxDocuments: number;
  /** Writes Meilisearch holds at once before a caller waits (it auto-batches consecutive additions). */
  maxInFlight: number;
}

/**
 * Group commit and pipelining for the live consumer. The partition batches that arrive together, or
 * while the writes in flight are at their bound, go to Meilisearch as one version-guarded write, and a
 * caller is answered as soon as Meilisearch accepted it, so the consumer fetches on while Meilisearch
 * indexes (up to `maxInFlight` writes queued). Each caller's `durable` resolves with its own states
 * once applied; the consumer commits only then. When a shared write fails, each caller's states are
 * written on their own, so every caller gets the outcome of its own documents (a rejected story is
 * isolated and dead-lettered by its partition only; an outage fails each, as before).
 */
export class CoalescingWriter {
  private queue: Waiter[] = [];
  private flushing = false;
  private inFlight: Array<Promise<unknown>> = [];

  constructor(
    private readonly target: WriteTarget,
    private readonly options: CoalescingOptions,
  ) {}

  /** Resolves once Meilisearch accepted these states (or found nothing newer to write). */
  enqueue(contents: ArticleContent[]): Promise<AcceptedWrite> {
    if (contents.length === 0) return Promise.resolve({ durable: Promise.resolve([]) });
    return new Promise((resolve, reject) => {
      this.queue.push({ contents, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // One macrotask of grace: the batches kafkajs handed out in the same fetch join this write.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Enqueues and waits until applied: the states written. */
  async apply(contents: ArticleContent[]): Promise<ArticleContent[]> {
    return (await this.enqueue(contents)).durable;
  }

  /** Sends queued batches in groups until the queue is empty; batches arriving meanwhile join the next group. */
  private async drain(): Promise<void> {
    try {
      for (;;) {
        await this.slot();
        const group = this.take();
        if (group.length === 0) return;
        await this.send(group);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Waits while `maxInFlight` writes are queued in Meilisearch. */
  private async slot(): Promise<void> {
    while (this.inFlight.length >= this.options.maxInFlight) await Promise.race(this.inFlight);
  }

  /** Whole batches from the head of the queue, up to maxDocuments states (always at least one batch). */
  private take(): Waiter[] {
    let documents = 0;
    let count = 0;
    while (
      count < this.queue.length &&
      (count === 0 || documents + this.queue[count]!.contents.length <= this.options.maxDocuments)
    ) {
      documents += this.queue[count]!.contents.length;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async send(group: Waiter[]): Promise<void> {
    let write: EnqueuedWrite;
    try {
      write = await this.target.enqueue(group.flatMap((w) => w.contents));
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else for (const waiter of group) waiter.resolve({ durable: this.alone(waiter) });
      return;
    }
    const settled = write.durable.then(
      () => true,
      () => false,
    );
    this.track(settled);
    for (const waiter of group) {
      const own = new Set(waiter.contents.map(stateKey));
      const mine = write.fresh.filter((c) => own.has(stateKey(c)));
      // A failed shared write: each caller's states are written alone, for their own outcome.
      const durable = settled.then((ok) =>
        ok || group.length === 1 ? write.durable.then(() => mine) : this.alone(waiter),
      );
      waiter.resolve({ durable });
    }
  }

  /** The caller's states written on their own, for their own outcome. */
  private alone(waiter: Waiter): Promise<ArticleContent[]> {
    return this.target.apply(waiter.contents);
  }

  private track(settled: Promise<unknown>): void {
    this.inFlight.push(settled);
    void settled.then(() => {
      this.inFlight = this.inFlight.filter((p) => p !== settled);
    });
  }
}

const stateKey = (c: ArticleContent): string => `${c.article.id}@${c.version}`;
