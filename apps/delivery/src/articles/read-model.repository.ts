import { Inject, Injectable, Optional } from '@nestjs/common';
import { ArticleContent, articleFields, killedRemains, PageKey } from '@broadsheet/contracts';
import { afterPageKey, isDuplicateKey, MONGO_CONNECTION, newestFirst, withId } from '@broadsheet/persistence';
import { Collection, Connection, Model } from 'mongoose';
import { READ_ARTICLES, ReadArticleDoc, readArticleSchema } from './read-model.schema';

export type ReadArticle = ReturnType<typeof withId<ReadArticleDoc>>;

export interface PageQuery {
  category?: string;
  tag?: string;
  author?: string;
  limit: number;
  after?: PageKey;
}

/** What a sitemap entry needs. */
export type SitemapEntry = Pick<ReadArticle, 'slug' | 'updatedAt'>;

/** The only place delivery touches its articles in Mongo. */
@Injectable()
export class ReadModelRepository {
  private readonly model: Model<ReadArticleDoc>;
  private readonly raw: Collection<ReadArticleDoc>;

  /** `collection` differs only for a rebuild, which fills a fresh collection before switching over to it. */
  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Optional() @Inject('READ_MODEL_COLLECTION') collection = READ_ARTICLES,
  ) {
    this.model = connection.model<ReadArticleDoc>('ReadArticle', readArticleSchema);
    this.raw = connection.collection<ReadArticleDoc>(collection);
  }

  /** Stores a content-log state unless a newer or equal version is held: replays and redeliveries are no-ops. */
  async apply({ version, article: sent }: ArticleContent): Promise<boolean> {
    // A killed article must vanish: whatever the event carried, only what a 410 needs is kept.
    const article = sent.status === 'killed' ? killedRemains(sent) : sent;
    const doc: Omit<ReadArticleDoc, '_id'> = {
      version,
      ...articleFields(article),
      publishedAt: new Date(article.publishedAt),
      updatedAt: new Date(article.updatedAt),
      corrections: (article.corrections ?? []).map((c) => ({ note: c.note, at: new Date(c.at) })),
      previousSlugs: (article.previousSlugs ?? []).filter((s) => s !== article.slug),
    };
    try {
      const result = await this.raw.updateOne(
        { _id: article.id, version: { $lt: version } },
        { $set: doc },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      // The upsert collided with a document holding a newer version: nothing to do.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async findBySlug(slug: string): Promise<ReadArticle | null> {
    const doc = await this.model.findOne({ slug }).lean<ReadArticleDoc>();
    return doc ? withId(doc) : null;
  }

  /** The article that was once published at `slug`, under its current slug now. */
  async findByPreviousSlug(slug: string): Promise<ReadArticle | null> {
    const doc = await this.model.findOne({ previousSlugs: slug }, { body: 0 }).lean<ReadArticleDoc>();
    return doc ? withId(doc) : null;
  }

  /** Published and public by now (an embargoed story's time has not come), newest first, keyset paging. */
  async listPublished(q: PageQuery, withBody = false): Promise<ReadArticle[]> {
    const filter: Record<string, unknown> = { status: 'published', publishedAt: { $lte: new Date() } };
    if (q.category) filter.category = q.category;
    if (q.tag) filter.tags = q.tag;
    if (q.author) filter.bylines = q.author;
    const after = afterPageKey('publishedAt', q.after);
    const docs = await this.model
      .find(q.after ? { $and: [filter, after] } : filter, withBody ? {} : { body: 0 })
      .sort(newestFirst('publishedAt'))
      .limit(q.limit)
      .lean<ReadArticleDoc[]>();
    return docs.map((d) => withId(d));
  }

  /** Other published stories of the same category, newest first. */
  async related(article: ReadArticle, limit: number): Promise<ReadArticle[]> {
    const docs = await this.model
      .find(
        {
          status: 'published',
          publishedAt: { $lte: new Date() },
          category: article.category,
          _id: { $ne: article.id },
        },
        { body: 0 },
      )
      .sort(newestFirst('publishedAt'))
      .limit(limit)
      .lean<ReadArticleDoc[]>();
    return docs.map((d) => withId(d));
  }

  /** The published ones among these ids, in no particular order. */
  async publishedByIds(ids: string[]): Promise<ReadArticle[]> {
    if (!ids.length) return [];
    const docs = await this.model
      .find({ _id: { $in: ids }, status: 'published', publishedAt: { $lte: new Date() } }, { body: 0 })
      .lean<ReadArticleDoc[]>();
    return docs.map((d) => withId(d));
  }

  /** Published since `since`, newest first (the news sitemap's window). */
  async publishedSince(since: Date, limit: number): Promise<ReadArticle[]> {
    const docs = await this.model
      .find({ status: 'published', publishedAt: { $gte: since, $lte: new Date() } }, { body: 0 })
      .sort(newestFirst('publishedAt'))
      .limit(limit)
      .lean<ReadArticleDoc[]>();
    return docs.map((d) => withId(d));
  }

  async countPublished(): Promise<number> {
    return this.model.countDocuments({ status: 'published', publishedAt: { $lte: new Date() } });
  }

  /** One sitemap page: published articles, oldest first so a page's URLs stay put as stories arrive. */
  async sitemapPage(page: number, size: number): Promise<SitemapEntry[]> {
    return this.model
      .find({ status: 'published', publishedAt: { $lte: new Date() } }, { slug: 1, updatedAt: 1, _id: 0 })
      .sort({ publishedAt: 1, _id: 1 })
      .skip((page - 1) * size)
      .limit(size)
      .lean<SitemapEntry[]>();
  }

  async categories(): Promise<Array<{ slug: string; label: string; count: number }>> {
    const rows = await this.model.aggregate<{ _id: string; label: string; count: number }>([
      { $match: { status: 'published', publishedAt: { $lte: new Date() } } },
      { $group: { _id: '$category', label: { $first: '$categoryLabel' }, count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    return rows.map(({ _id, label, count }) => ({ slug: _id, label, count }));
  }
}
