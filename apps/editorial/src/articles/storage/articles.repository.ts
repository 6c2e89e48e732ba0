import { Inject, Injectable } from '@nestjs/common';
import { ArticleStatus, DomainError, DomainEvent, ErrorCodes, PageKey } from '@broadsheet/contracts';
import { OutboxStore } from '@broadsheet/messaging';
import { afterPageKey, isDuplicateKey, MONGO_CONNECTION, newestFirst } from '@broadsheet/persistence';
import { Collection, Connection, Model } from 'mongoose';
import { Article, AuditEntry, Revision } from '../domain/article';
import { Change } from '../domain/change';
import { articleOnly, StoredArticle, toArticle, toNewDoc, toUpdate } from './article.mapper';
import { ARTICLES, ArticleDoc, articleSchema } from './article.schema';

export interface ListQuery {
  status?: ArticleStatus;
  category?: string;
  /** Who created it or a byline. */
  author?: string;
  /** Words in the headline (literal text, case-insensitive). */
  text?: string;
  /** Last changed at or after / before. */
  from?: Date;
  to?: Date;
  limit: number;
  /** Continue after this page key (updatedAt, id). */
  after?: PageKey;
}

/** Extra conditions a save holds to, e.g. the scheduler's lease. */
export type SaveGuard = Record<string, unknown>;

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The only place editorial touches Mongo. A save writes state, revision, audit and events in one document write. */
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
    const doc = await this.model.findById(id, articleOnly).lean<StoredArticle>();
    return doc ? toArticle(doc) : null;
  }

  async findByKey(articleKey: string): Promise<Article | null> {
    const doc = await this.model.findOne({ articleKey }, articleOnly).lean<StoredArticle>();
    return doc ? toArticle(doc) : null;
  }

  /** True when another article has this slug now or had it when published. */
  async slugTaken(slug: string, exceptId: string): Promise<boolean> {
    const found = await this.model
      .findOne({ $or: [{ slug }, { previousSlugs: slug }], _id: { $ne: exceptId } }, { _id: 1 })
      .lean();
    return found !== null;
  }

  /** Inserts a new article with its first records and events; false when its article key or slug is taken. */
  insert(change: Change, events: DomainEvent[]): Promise<boolean> {
    return this.outbox.insert(this.articles, toNewDoc(change.after, change.revision, change.audit), events);
  }

  /**
   * Writes a change, its revision, audit lines and events in one document write, only if the article is
   * still at the revision the change was computed from: of concurrent writers exactly one wins. False
   * when someone wrote first.
   */
  async save(change: Change, events: DomainEvent[], guard: SaveGuard = {}): Promise<boolean> {
    const before = change.before;
    if (!before) throw new Error('save needs the state it changes; a new article is inserted');
    const { $set, $unset } = toUpdate(change.after);
    try {
      const written = await this.outbox.update(
        this.articles,
        { _id: before.id, revision: before.revision, ...guard },
        {
          $set,
          $unset: { ...$unset, scheduleLeaseUntil: '', scheduleLeaseOwner: '' },
          $push: { revisions: change.revision, audit: { $each: change.audit } },
        },
        events,
      );
      return written !== null;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      throw new DomainError(ErrorCodes.Conflict, 'another article has this slug', [
        { path: 'slug', message: `"${change.after.slug}" is taken` },
      ]);
    }
  }

  async list(q: ListQuery): Promise<Article[]> {
    const filter: Record<string, unknown>[] = [];
    if (q.status) filter.push({ status: q.status });
    if (q.category) filter.push({ category: q.category });
    if (q.author) filter.push({ $or: [{ createdBy: q.author }, { bylines: q.author }] });
    if (q.text) filter.push({ headline: { $regex: escapeRegex(q.text), $options: 'i' } });
    if (q.from) filter.push({ updatedAt: { $gte: q.from } });
    if (q.to) filter.push({ updatedAt: { $lt: q.to } });
    if (q.after) filter.push(afterPageKey('updatedAt', q.after));
    const docs = await this.model
      .find(filter.length ? { $and: filter } : {}, articleOnly)
      .sort(newestFirst('updatedAt'))
      .limit(q.limit)
      .lean<StoredArticle[]>();
    return docs.map(toArticle);
  }

  async revisions(id: string): Promise<Revision[] | null> {
    const doc = await this.model.findById(id, { revisions: 1 }).lean<Pick<ArticleDoc, 'revisions'>>();
    return doc ? (doc.revisions ?? []) : null;
  }

  async audit(id: string): Promise<AuditEntry[] | null> {
    const doc = await this.model.findById(id, { audit: 1 }).lean<Pick<ArticleDoc, 'audit'>>();
    return doc ? (doc.audit ?? []) : null;
  }

  /** Gives a claim up (its publication failed), so the next round may try again at once. */
  async releaseClaim(id: string, owner: string): Promise<void> {
    await this.articles.updateOne(
      { _id: id, scheduleLeaseOwner: owner },
      { $unset: { scheduleLeaseUntil: '', scheduleLeaseOwner: '' } },
    );
  }

  /**
   * Claims up to `limit` scheduled articles whose time has come, under a lease for `owner` (unique to
   * this claim) until `until`: one conditional update per article, so of several schedulers exactly one
   * holds each; a lapsed lease (its holder died) is free again. Three round trips, whatever `limit`.
   */
  async claimDue(at: Date, owner: string, until: Date, limit: number): Promise<Article[]> {
    const free = {
      status: 'scheduled' as const,
      publishAt: { $lte: at },
      $or: [{ scheduleLeaseUntil: null }, { scheduleLeaseUntil: { $lt: at } }],
    };
    const due = await this.articles
      .find(free, { projection: { _id: 1 } })
      .sort({ publishAt: 1 })
      .limit(limit)
      .toArray();
    if (due.length === 0) return [];
    await this.articles.bulkWrite(
      due.map(({ _id }) => ({
        updateOne: {
          filter: { ...free, _id },
          update: { $set: { scheduleLeaseUntil: until, scheduleLeaseOwner: owner } },
        },
      })),
      { ordered: false },
    );
    const won = await this.articles
      .find({ _id: { $in: due.map((d) => d._id) }, scheduleLeaseOwner: owner }, { projection: articleOnly })
      .toArray();
    return won.map((doc) => toArticle(doc as StoredArticle));
  }
}
