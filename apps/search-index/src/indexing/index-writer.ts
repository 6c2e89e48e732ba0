import { ArticleContent } from '@broadsheet/contracts';
import { SearchDocument, toSearchDocument } from '@broadsheet/search';
import { Index, Task } from 'meilisearch';
import { latestPerArticle, newerThanHeld } from './latest-versions';
import { taskFailure } from './meili-task-error';

export const taskWait = { timeout: 120_000, interval: 25 };

/**
 * Writes content-log states into one Meilisearch index, never letting an older version overwrite a
 * newer one. The live index and a reindex's new index are both written through it.
 */
export class IndexWriter {
  constructor(readonly index: Index<SearchDocument>) {}

  /** Writes a batch; resolves once Meilisearch has applied it, with the states it wrote (newer than held). */
  async apply(contents: ArticleContent[]): Promise<ArticleContent[]> {
    const latest = latestPerArticle(contents);
    if (latest.length === 0) return [];
    const fresh = newerThanHeld(latest, await this.heldVersions(latest.map((c) => c.article.id)));
    if (fresh.length === 0) return [];
    check(
      await this.index.addDocuments(fresh.map(toSearchDocument), { primaryKey: 'id' }).waitTask(taskWait),
      'add documents',
    );
    return fresh;
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
