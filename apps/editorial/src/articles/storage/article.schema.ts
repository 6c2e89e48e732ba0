import { ArticleStatuses } from '@broadsheet/contracts';
import { addOutbox, OutboxFields } from '@broadsheet/messaging';
import { Schema } from 'mongoose';
import type { Article, AuditEntry, Revision } from '../domain/article';

/** The scheduler's claim on a due article: only the claim holding it may publish, until it lapses. */
export interface ScheduleLease {
  scheduleLeaseUntil?: Date | null;
  scheduleLeaseOwner?: string | null;
}

/**
 * An article as stored: the domain's fields under `_id`, its revisions and audit trail (in the same
 * document, so a save and its record are one atomic write: the store has no transactions), the
 * scheduler's lease and the outbox the relay owns.
 */
export interface ArticleDoc extends OutboxFields, ScheduleLease, Omit<Article, 'id'> {
  _id: string;
  revisions: Revision[];
  audit: AuditEntry[];
}

export const ARTICLES = 'articles';

export const articleSchema = new Schema<ArticleDoc>(
  {
    _id: { type: String, required: true },
    articleKey: { type: String },
    ingestRevision: Number,
    status: { type: String, enum: ArticleStatuses, required: true },
    slug: { type: String, required: true },
    headline: { type: String, required: true },
    summary: String,
    body: { type: String, required: true },
    bylines: [String],
    category: { type: String, required: true },
    categoryLabel: { type: String, required: true },
    tags: [String],
    language: { type: String, required: true },
    images: [{ _id: false, url: String, alt: String, caption: String, credit: String }],
    sourceUrl: String,
    revision: { type: Number, required: true },
    version: { type: Number, required: true },
    publishedAt: Date,
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    editedByPerson: Boolean,
    slugChosen: Boolean,
    previousSlugs: [String],
    corrections: Schema.Types.Mixed,
    flash: Boolean,
    possibleDuplicateOf: Schema.Types.Mixed,
    wireUpdate: Schema.Types.Mixed,
    publishAt: Date,
    embargoUntil: Date,
    killReason: String,
    revisions: Schema.Types.Mixed,
    audit: Schema.Types.Mixed,
    scheduleLeaseUntil: Date,
    scheduleLeaseOwner: String,
  },
  { collection: ARTICLES, versionKey: false },
);

// Ingest upserts by key: one article per wire story.
articleSchema.index({ articleKey: 1 }, { unique: true, sparse: true });
// A slug names one article: creating or renaming onto a taken one fails here, whatever the race.
articleSchema.index({ slug: 1 }, { unique: true });
// slugTaken: a slug an article was published under before stays reserved for its 301.
articleSchema.index({ previousSlugs: 1 });
// The desk's list: GET /v1/articles?status=&category=, newest first, cursor on (updatedAt, _id).
articleSchema.index({ status: 1, updatedAt: -1, _id: -1 });
articleSchema.index({ category: 1, updatedAt: -1, _id: -1 });
articleSchema.index({ updatedAt: -1, _id: -1 });
// The scheduler's poll: scheduled articles whose time has come.
articleSchema.index({ status: 1, publishAt: 1 });
addOutbox(articleSchema);
