import { ArticleContent } from '@broadsheet/contracts';
import { SearchDocument, toSearchDocument } from '@broadsheet/search';
import { Index, Task } from 'meilisearch';
import { InFlightVersions, mergeHeld } from './in-flight-versions';
import { latestPerArticle, newerThanHeld } from './latest-versions';
import { taskFailure } from './meili-task-error';

export const taskWait = { timeout: 120_000, interval: 25 };

/** A write Meilisearch accepted: the states it carries, and when they are applied (rejects if the task fails). */
export interface EnqueuedWrite {
  fresh: ArticleContent[];
  durable: Promise<void>;
}

/**
 * Writes content-log states into one Meilisearch index, never letting an older version overwrite a
 * newer one. The live index and a reindex's new index are both written through it.
 */
export class IndexWriter {
  private readonly inFlight = new InFlightVersions();

  constructor(readonly index: Index<SearchDocument>) {}

  /** Writes a batch; resolves once Meilisearch has applied it, with the states it wrote (newer than held). */
  async apply(contents: ArticleContent[]): Promise<ArticleContent[]> {
    const { fresh, durable } = await this.enqueue(contents);
    await durable;
    return fresh;
  }

  /**
   * Enqueues the states newer than those held (in the index or in a write still in flight) and resolves
   * once Meilisearch accepted the task; `durable` settles when it is applied.
   */
  async enqueue(contents: ArticleContent[]): Promise<EnqueuedWrite> {
    const latest = latestPerArticle(contents);
    if (latest.length === 0) return { fresh: [], durable: Promise.resolve() };
    const ids = latest.map((c) => c.article.id);
    const inFlight = this.inFlight.snapshot(ids);
    const fresh = newerThanHeld(latest, mergeHeld(await this.heldVersions(ids), inFlight));
    if (fresh.length === 0) return { fresh: [], durable: Promise.resolve() };
    const release = this.inFlight.hold(fresh.map((c) => ({ id: c.article.id, version: c.version })));
    try {
      const adding = this.index.addDocuments(fresh.map(toSearchDocument), { primaryKey: 'id' });
      await adding;
      const durable = adding.waitTask(taskWait).then((task) => check(task, 'add documents'));
      void durable.then(release, release);
      return { fresh, durable };
    } catch (error) {
      release();
      throw error;
    }
  }

  private async heldVersions(ids: string[]): Promise<Map<string, number>> {
    const filter = `id IN [${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
    const { results } = await this.index.getDocuments({ filter, fields: ['id', 'version'], limit: ids.length });
    return new Map(results.map((d) => [d.id, d.version]));
  }
}

/** A failed task throws: a rejected document is permanent, anything else retryable (see taskFailure). */
export function check(task: Task, what: string, tolerated: string[] = []): void {
  if (task.status === 'succeeded') return;
  if (tolerated.includes(task.error?.code ?? task.status)) return;
  throw taskFailure(task, what);
}
