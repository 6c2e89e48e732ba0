import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ArticleContent } from '@broadsheet/contracts';
import {
  articleIndexName,
  articleIndexSettings,
  SearchDocument,
  toSearchDocument,
  INDEX_PREFIX,
  MEILI,
} from '@broadsheet/search';
import { Index, Meilisearch, Task } from 'meilisearch';
import { latestPerArticle, newerThanHeld } from './latest-versions';
import { taskFailure } from './meili-task-error';

const wait = { timeout: 60_000, interval: 10 };

/** Keeps the articles index in step with the content log, never letting an older version overwrite a newer one. */
@Injectable()
export class ArticleIndexer implements OnModuleInit {
  private readonly logger = new Logger(ArticleIndexer.name);
  private readonly index: Index<SearchDocument>;

  constructor(
    @Inject(MEILI) private readonly meili: Meilisearch,
    @Inject(INDEX_PREFIX) prefix: string,
  ) {
    this.index = meili.index<SearchDocument>(articleIndexName(prefix));
  }

  async onModuleInit(): Promise<void> {
    const uid = this.index.uid;
    check(await this.meili.createIndex(uid, { primaryKey: 'id' }).waitTask(wait), 'create index', [
      'index_already_exists',
    ]);
    check(await this.index.updateSettings(articleIndexSettings).waitTask(wait), 'update settings');
    this.logger.log(`index ${uid} ready`);
  }

  /** Writes a batch of content-log states; resolves once Meilisearch has applied them. */
  async apply(contents: ArticleContent[]): Promise<number> {
    const latest = latestPerArticle(contents);
    const fresh = newerThanHeld(latest, await this.heldVersions(latest.map((c) => c.article.id)));
    if (fresh.length === 0) return 0;
    check(
      await this.index.addDocuments(fresh.map(toSearchDocument), { primaryKey: 'id' }).waitTask(wait),
      'add documents',
    );
    return fresh.length;
  }

  private async heldVersions(ids: string[]): Promise<Map<string, number>> {
    const filter = `id IN [${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
    const { results } = await this.index.getDocuments({ filter, fields: ['id', 'version'], limit: ids.length });
    return new Map(results.map((d) => [d.id, d.version]));
  }
}

/** A failed task throws: a rejected document is permanent, anything else retryable (see taskFailure). */
function check(task: Task, what: string, tolerated: string[] = []): void {
  if (task.status === 'succeeded') return;
  if (tolerated.includes(task.error?.code ?? task.status)) return;
  throw taskFailure(task, what);
}
