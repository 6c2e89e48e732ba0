import { ArticleFields } from '@broadsheet/contracts';
import { Schema } from 'mongoose';

export const READ_ARTICLES = 'articles';

/** The reader-facing copy of an article, rebuilt from the content log alone. */
export interface ReadArticleDoc extends ArticleFields {
  _id: string;
  version: number;
  publishedAt: Date;
  updatedAt: Date;
  /** Public corrections, oldest first, each with its time. */
  corrections?: Array<{ note: string; at: Date }>;
  /** Slugs the story had before: readers there are sent on to `slug`. */
  previousSlugs?: string[];
}

export const readArticleSchema = new Schema<ReadArticleDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true },
    slug: { type: String, required: true },
    headline: String,
    summary: String,
    body: String,
    bylines: [String],
    category: String,
    categoryLabel: String,
    tags: [String],
    language: String,
    images: [{ _id: false, url: String, alt: String, caption: String, credit: String }],
    publishedAt: Date,
    updatedAt: Date,
    sourceUrl: String,
    corrections: [{ _id: false, note: String, at: Date }],
    previousSlugs: [String],
  },
  { collection: READ_ARTICLES, versionKey: false },
);

// GET /v1/articles/:slug.
readArticleSchema.index({ slug: 1 });
// GET /v1/articles?category=: newest first, cursor on (publishedAt, _id).
readArticleSchema.index({ status: 1, category: 1, publishedAt: -1, _id: -1 });
// GET /v1/articles?tag=.
readArticleSchema.index({ status: 1, tags: 1, publishedAt: -1, _id: -1 });
// 301 from an old slug.
readArticleSchema.index({ previousSlugs: 1 });
// GET /v1/articles?author=.
readArticleSchema.index({ status: 1, bylines: 1, publishedAt: -1, _id: -1 });
// The latest overall (front page, feeds, sitemaps).
readArticleSchema.index({ status: 1, publishedAt: -1, _id: -1 });
