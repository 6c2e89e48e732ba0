import { Injectable } from '@nestjs/common';
import { HotCache } from '../cache/hot-cache';
import { ReadArticle, ReadModelRepository } from '../articles/read-model.repository';
import { HOUR_MS, hourOf, ViewsRepository } from './views.repository';

export interface TrendingEntry {
  article: ReadArticle;
  views: number;
}

/** Most read in the last 24 hours (the current hour's bucket and the 23 before it), published stories only. */
@Injectable()
export class TrendingService {
  constructor(
    private readonly views: ViewsRepository,
    private readonly readModel: ReadModelRepository,
    private readonly cache: HotCache,
  ) {}

  top(limit: number): Promise<TrendingEntry[]> {
    return this.cache.get(`trending:${limit}`, () => this.load(limit));
  }

  private async load(limit: number): Promise<TrendingEntry[]> {
    const since = new Date(hourOf(Date.now()).getTime() - 23 * HOUR_MS);
    // Read a few more than asked: some of the most read may have been taken down since.
    const counted = await this.views.mostRead(since, limit * 3 + 10);
    const visible = new Map(
      (await this.readModel.publishedByIds(counted.map((c) => c.articleId))).map((a) => [a.id, a]),
    );
    return counted
      .filter((c) => visible.has(c.articleId))
      .slice(0, limit)
      .map((c) => ({ article: visible.get(c.articleId)!, views: c.views }));
  }
}
