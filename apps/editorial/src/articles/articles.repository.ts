import { Inject, Injectable } from '@nestjs/common';
import { ArticleStatus, DomainEvent, PageKey } from '@broadsheet/contracts';
import { toOutboxEntry, withOutbox } from '@broadsheet/messaging';
import {
  afterPageKey,
  isDuplicateKey,
  KeyedSerializer,
  MONGO_CONNECTION,
  newestFirst,
  withId,
} from '@broadsheet/persistence';
import { Collection, Connection, Model } from 'mongoose';
import { ARTICLES, ArticleDoc, articleSchema } from './article.schema';

export type Article = ReturnType<typeof withId<ArticleDoc>>;
export type NewArticle = Omit<ArticleDoc, 'outbox' | 'outboxPending' | 'outboxLeaseUntil' | 'outboxLeaseOwner'>;
export type ArticleChanges = Partial<Omit<NewArticle, '_id' | 'createdAt' | 'createdBy'>>;

export interface ListQuery {
  status?: ArticleStatus;
  category?: string;
  limit: number;
  /** Continue after this page key (updatedAt, id). */
  after?: PageKey;
}

/** The only place editorial touches Mongo. Writes that change public state carry their events (outbox). */
@Injectable()
export class ArticlesRepository {
  private readonly model: Model<ArticleDoc>;
  /** Outbox writes go through the driver: one atomic document write with `$push`. */
  private readonly raw: Collection<ArticleDoc>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    /** Conditional writes per document, one at a time, shared with the outbox relay (see KeyedSerializer). */
    private readonly writes: KeyedSerializer,
  ) {
    this.model = connection.model<ArticleDoc>('Article', articleSchema);
    this.raw = connection.collection<ArticleDoc>(ARTICLES);
  }

  async findById(id: string): Promise<Article | null> {
    const doc = await this.model.findById(id).lean<ArticleDoc>();
    return doc ? withId(doc) : null;
  }

  async findByKey(articleKey: string): Promise<Article | null> {
    const doc = await this.model.findOne({ articleKey }).lean<ArticleDoc>();
    return doc ? withId(doc) : null;
  }

  /** Inserts a new article; false when its article key already exists. */
  async insert(article: NewArticle, events: DomainEvent[] = []): Promise<boolean> {
    try {
      const outbox = events.map(toOutboxEntry);
      await this.raw.insertOne({ ...article, outbox, outboxPending: outbox.length > 0 });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Applies changes and their events in one document write, only if the article is still at the
   * revision the caller read (optimistic concurrency). False when someone else wrote first.
   */
  async update(id: string, expectedRevision: number, changes: ArticleChanges, events: DomainEvent[]): Promise<boolean> {
    const result = await this.writes.run(`${ARTICLES}/${id}`, () =>
      this.raw.updateOne(
        { _id: id, revision: expectedRevision },
        withOutbox({ $set: { ...changes, revision: expectedRevision + 1 } }, events),
      ),
    );
    return result.matchedCount === 1;
  }

  async list(query: ListQuery): Promise<Article[]> {
    const filter: Record<string, unknown> = {};
    if (query.status) filter.status = query.status;
    if (query.category) filter.category = query.category;
    const docs = await this.model
      .find({ ...filter, ...afterPageKey('updatedAt', query.after) }, { outbox: 0 })
      .sort(newestFirst('updatedAt'))
      .limit(query.limit)
      .lean<ArticleDoc[]>();
    return docs.map((d) => withId(d));
  }
}
