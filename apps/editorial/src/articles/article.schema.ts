import { ArticleStatuses } from '@broadsheet/contracts';
import { addOutbox, OutboxFields } from '@broadsheet/messaging';
import { Schema } from 'mongoose';
import type { Article } from './article';

/** An article as stored: the domain's fields under `_id`, and the outbox the relay owns. */
export interface ArticleDoc extends OutboxFields, Omit<Article, 'id'> {
  _id: string;
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
