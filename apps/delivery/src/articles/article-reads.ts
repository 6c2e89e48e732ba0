import { Injectable } from '@nestjs/common';
import { encodePageKey, killedSlug, PageKey } from '@broadsheet/contracts';
import { HotCache } from '../cache/hot-cache';
import { ArticleSummaryReply, toArticleReply, toArticleSummaryReply } from './article.reply';
import { PageQuery, ReadArticle, ReadModelRepository } from './read-model.repository';
import { visibilityOf } from './visibility';

/** What a slug leads to, for the API and the article page alike. */
export type VisibleArticle = { kind: 'visible'; article: ReadArticle; etag: string; json: Buffer };

export type SlugAnswer = VisibleArticle | { kind: 'moved'; to: string } | { kind: 'gone' } | { kind: 'missing' };

export interface ArticlePage {
  items: ArticleSummaryReply[];
  nextCursor: string | null;
}

/** The read model's hot reads, through the in-process cache; the article's JSON is serialized once per entry. */
@Injectable()
export class ArticleReads {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly cache: HotCache,
  ) {}

  bySlug(slug: string): Promise<SlugAnswer> {
    return this.cache.get(`slug:${slug}`, () => this.loadSlug(slug));
  }

  /** The answer for a slug if the cache already holds it, without a load. */
  peekSlug(slug: string): SlugAnswer | undefined {
    return this.cache.peek<SlugAnswer>(`slug:${slug}`);
  }

  /** One page of the latest, as raw articles (pages and feeds) … */
  latest(q: PageQuery, withBody = false): Promise<ReadArticle[]> {
    const key = `list:${withBody ? 'b' : 's'}:${q.category ?? ''}:${q.tag ?? ''}:${q.author ?? ''}:${q.limit}:${cursorKey(q.after)}`;
    return this.cache.get(key, () => this.readModel.listPublished(q, withBody));
  }

  /** … and as the API's reply, serialized once. */
  latestJson(q: PageQuery): Promise<Buffer> {
    return this.cache.get(`json:${JSON.stringify({ ...q, after: cursorKey(q.after) })}`, async () => {
      const items = await this.latest(q);
      const last = items.length === q.limit ? items.at(-1) : undefined;
      const page: ArticlePage = {
        items: items.map(toArticleSummaryReply),
        nextCursor: last ? encodePageKey({ at: last.publishedAt, id: last.id }) : null,
      };
      return Buffer.from(JSON.stringify(page));
    });
  }

  related(article: ReadArticle, limit: number): Promise<ReadArticle[]> {
    return this.cache.get(`related:${article.id}:${limit}`, () => this.readModel.related(article, limit));
  }

  categories(): Promise<Array<{ slug: string; label: string; count: number }>> {
    return this.cache.get('categories', () => this.readModel.categories());
  }

  private async loadSlug(slug: string): Promise<SlugAnswer> {
    const article = await this.readModel.findBySlug(slug);
    if (!article) {
      const renamed = await this.readModel.findByPreviousSlug(slug);
      if (renamed && visibilityOf(renamed) === 'visible') return { kind: 'moved', to: renamed.slug };
      // A killed article is held under its slug's digest only.
      return (await this.readModel.findBySlug(killedSlug(slug))) ? { kind: 'gone' } : { kind: 'missing' };
    }
    const visibility = visibilityOf(article);
    if (visibility !== 'visible') return { kind: visibility };
    return {
      kind: 'visible',
      article,
      etag: `"v${article.version}"`,
      json: Buffer.from(JSON.stringify(toArticleReply(article))),
    };
  }
}

const cursorKey = (after?: PageKey): string => (after ? encodePageKey(after) : '');
