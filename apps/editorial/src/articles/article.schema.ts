import { ArticleFields, ArticleStatuses } from '@broadsheet/contracts';
import { addOutbox, OutboxFields } from '@broadsheet/messaging';
import { Schema } from 'mongoose';

export interface ArticleDoc extends OutboxFields, ArticleFields {
  _id: string;
  /** `source:externalId` for stories that came through ingest. */
  articleKey?: string;
  /** Last ingest revision applied, so a redelivered or older wire version is ignored. */
  ingestRevision?: number;
  /** Edit counter: `If-Match` compares against it. */
  revision: number;
  /** Content-log counter: grows with every event on articles.content.v1. */
  version: number;
  publishedAt?: Date;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
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
  },
  { collection: ARTICLES, versionKey: false },
);

// Ingest upserts by key: one article per wire story.
articleSchema.index({ articleKey: 1 }, { unique: true, sparse: true });
// The desk's list: GET /v1/articles?status=&category=, newest first, cursor on (updatedAt, _id).
articleSchema.index({ status: 1, updatedAt: -1, _id: -1 });
articleSchema.index({ category: 1, updatedAt: -1, _id: -1 });
addOutbox(articleSchema);
