import { ArticleContent } from '@broadsheet/contracts';

/** Writes states and resolves with those it wrote (the IndexWriter contract). */
export type WriteStates = (contents: ArticleContent[]) => Promise<ArticleContent[]>;

interface Waiter {
  contents: ArticleContent[];
  resolve(written: ArticleContent[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the live consumer: the partition batches that arrive together, or while a write is
 * in flight, go to Meilisearch as one version-guarded write of up to `maxDocuments` states, instead of
 * one small write each (Meilisearch indexes a few large additions much faster than many small ones).
 * Each caller's promise settles only once its own states are applied, so offsets are still committed
 * after their documents are durable. When a shared write fails, each caller's states are written on
 * their own, so every caller gets the outcome of its own documents (a rejected story is isolated and
 * dead-lettered by its partition only; an outage fails each and stalls each, as before).
 */
export class CoalescingWriter {
  private queue: Waiter[] = [];
  private flushing = false;

  constructor(
    private readonly write: WriteStates,
    private readonly maxDocuments = 1_000,
  ) {}

  apply(contents: ArticleContent[]): Promise<ArticleContent[]> {
    if (contents.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ contents, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // One macrotask of grace: the batches kafkajs handed out in the same fetch join this write.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Writes queued batches in groups until the queue is empty; batches arriving meanwhile join the next group. */
  private async drain(): Promise<void> {
    try {
      for (let group = this.take(); group.length > 0; group = this.take()) await this.writeGroup(group);
    } finally {
      this.flushing = false;
    }
  }

  /** Whole batches from the head of the queue, up to maxDocuments states (always at least one batch). */
  private take(): Waiter[] {
    let documents = 0;
    let count = 0;
    while (
      count < this.queue.length &&
      (count === 0 || documents + this.queue[count]!.contents.length <= this.maxDocuments)
    ) {
      documents += this.queue[count]!.contents.length;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async writeGroup(group: Waiter[]): Promise<void> {
    if (group.length === 1) return this.writeAlone(group[0]!);
    let written: ArticleContent[];
    try {
      written = await this.write(group.flatMap((w) => w.contents));
    } catch {
      for (const waiter of group) await this.writeAlone(waiter);
      return;
    }
    for (const waiter of group) {
      const own = new Set(waiter.contents.map(stateKey));
      waiter.resolve(written.filter((c) => own.has(stateKey(c))));
    }
  }

  private async writeAlone(waiter: Waiter): Promise<void> {
    try {
      waiter.resolve(await this.write(waiter.contents));
    } catch (error) {
      waiter.reject(error);
    }
  }
}

const stateKey = (c: ArticleContent): string => `${c.article.id}@${c.version}`;
