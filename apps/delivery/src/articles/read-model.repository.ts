import { Inject, Injectable, Optional } from '@nestjs/common';
import { ArticleContent, articleFields, killedRemains, PageKey } from '@broadsheet/contracts';
import { afterPageKey, isDuplicateKey, MONGO_CONNECTION, newestFirst, withId } from '@broadsheet/persistence';
import { Collection, Connection, Model } from 'mongoose';
import { READ_ARTICLES, ReadArticleDoc, readArticleSchema } from './read-model.schema';

export type ReadArticle = ReturnType<typeof withId<ReadArticleDoc>>;

export interface PageQuery {
  category?: string;
  tag?: string;
  limit: number;
  after?: PageKey;
}

/** The only place delivery touches Mongo. */
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

  async listPublished(q: PageQuery): Promise<ReadArticle[]> {
    const filter: Record<string, unknown> = { status: 'published' };
    if (q.category) filter.category = q.category;
    if (q.tag) filter.tags = q.tag;
    const docs = await this.model
      .find({ ...filter, ...afterPageKey('publishedAt', q.after) }, { body: 0 })
      .sort(newestFirst('publishedAt'))
      .limit(q.limit)
      .lean<ReadArticleDoc[]>();
    return docs.map((d) => withId(d));
  }

  async categories(): Promise<Array<{ slug: string; label: string; count: number }>> {
    const rows = await this.model.aggregate<{ _id: string; label: string; count: number }>([
      { $match: { status: 'published' } },
      { $group: { _id: '$category', label: { $first: '$categoryLabel' }, count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    return rows.map(({ _id, label, count }) => ({ slug: _id, label, count }));
  }
}
