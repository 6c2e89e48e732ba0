import { Inject, Injectable } from '@nestjs/common';
import { ArticleStatus, DomainEvent, PageKey } from '@broadsheet/contracts';
import { OutboxStore, withoutOutbox } from '@broadsheet/messaging';
import { afterPageKey, MONGO_CONNECTION, newestFirst } from '@broadsheet/persistence';
import { Collection, Connection, Model } from 'mongoose';
import { Article, ArticleChanges } from './article';
import { toArticle, toArticleDoc, StoredArticle } from './article.mapper';
import { ARTICLES, ArticleDoc, articleSchema } from './article.schema';

// content-event.ts reads the domain type from here.

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
  private readonly articles: Collection<ArticleDoc>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly outbox: OutboxStore,
  ) {
    // Registering the model creates the schema's indexes; writes go through the outbox store.
    this.model = connection.model<ArticleDoc>('Article', articleSchema);
    this.articles = connection.collection<ArticleDoc>(ARTICLES);
  }

  async findById(id: string): Promise<Article | null> {
    const doc = await this.model.findById(id, withoutOutbox).lean<StoredArticle>();
    return doc ? toArticle(doc) : null;
  }

  async findByKey(articleKey: string): Promise<Article | null> {
    const doc = await this.model.findOne({ articleKey }, withoutOutbox).lean<StoredArticle>();
    return doc ? toArticle(doc) : null;
  }

  /** Inserts a new article with its events; false when its article key already exists. */
  insert(article: Article, events: DomainEvent[] = []): Promise<boolean> {
    return this.outbox.insert(this.articles, toArticleDoc(article), events);
  }

  /**
   * Applies changes and their events in one document write, only if the article is still at the
   * revision the caller read (optimistic concurrency). Returns the article as written, or null when
   * someone else wrote first.
   */
  async update(
    id: string,
    expectedRevision: number,
    changes: ArticleChanges,
    events: DomainEvent[],
  ): Promise<Article | null> {
    const doc = await this.outbox.update(
      this.articles,
      { _id: id, revision: expectedRevision },
      { $set: { ...changes, revision: expectedRevision + 1 } },
      events,
    );
    return doc ? toArticle(doc) : null;
  }

  async list(query: ListQuery): Promise<Article[]> {
    const filter: Record<string, unknown> = {};
    if (query.status) filter.status = query.status;
    if (query.category) filter.category = query.category;
    const docs = await this.model
      .find({ ...filter, ...afterPageKey('updatedAt', query.after) }, withoutOutbox)
      .sort(newestFirst('updatedAt'))
      .limit(query.limit)
      .lean<StoredArticle[]>();
    return docs.map(toArticle);
  }
}
