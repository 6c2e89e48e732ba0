import { z } from 'zod';
import { imageSchema } from './submission';

export const ArticleStatuses = ['draft', 'in_review', 'scheduled', 'published', 'unpublished', 'killed'] as const;
export type ArticleStatus = (typeof ArticleStatuses)[number];

/** A story as ingest hands it to editorial: sanitized, normalized, keyed by `source:externalId`. */
export const ingestedStorySchema = z.object({
  /** `source:externalId`: the same story from the same source always has the same key. */
  articleKey: z.string().min(3),
  /** Registered source that sent the story. */
  source: z.string().min(1),
  externalId: z.string().min(1),
  /** Grows by one each time the source sends a changed version. */
  revision: z.number().int().positive(),
  headline: z.string().min(1),
  summary: z.string().optional(),
  /** Sanitized HTML. */
  body: z.string().min(1),
  bylines: z.array(z.string()).default([]),
  /** Category slug, lower-case kebab. */
  category: z.string().min(1),
  /** Category as the source labelled it. */
  categoryLabel: z.string().min(1),
  tags: z.array(z.string()).default([]),
  language: z.string().default('en'),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  url: z.string().optional(),
  images: z.array(imageSchema).default([]),
  /** sha256 of the normalized story; a resubmission with the same hash is a duplicate. */
  contentHash: z.string(),
});
export type IngestedStory = z.infer<typeof ingestedStorySchema>;

/** The public snapshot of an article carried by every content-log event (state-carried transfer). */
export const publicArticleSchema = z.object({
  id: z.string().min(1),
  /** URL slug; readers reach the article at `/articles/:slug`. */
  slug: z.string().min(1),
  status: z.enum(ArticleStatuses),
  headline: z.string(),
  summary: z.string().optional(),
  /** Sanitized HTML. */
  body: z.string(),
  bylines: z.array(z.string()),
  category: z.string(),
  categoryLabel: z.string(),
  tags: z.array(z.string()),
  language: z.string(),
  images: z.array(imageSchema),
  /** First publication time (ISO-8601). */
  publishedAt: z.iso.datetime({ offset: true }),
  /** Last time the public content changed (ISO-8601). */
  updatedAt: z.iso.datetime({ offset: true }),
  /** Source's canonical URL, when the story came from a wire. */
  sourceUrl: z.string().optional(),
});
export type PublicArticle = z.infer<typeof publicArticleSchema>;

/** What an article says and where it sits: the fields every service's copy of an article shares. */
export type ArticleFields = Pick<
  PublicArticle,
  | 'status'
  | 'slug'
  | 'headline'
  | 'summary'
  | 'body'
  | 'bylines'
  | 'category'
  | 'categoryLabel'
  | 'tags'
  | 'language'
  | 'images'
  | 'sourceUrl'
>;

/** Copies exactly the shared article fields out of a larger shape (a stored document, a domain object). */
export function articleFields(a: ArticleFields): ArticleFields {
  return {
    status: a.status,
    slug: a.slug,
    headline: a.headline,
    summary: a.summary,
    body: a.body,
    bylines: a.bylines,
    category: a.category,
    categoryLabel: a.categoryLabel,
    tags: a.tags,
    language: a.language,
    images: a.images,
    sourceUrl: a.sourceUrl,
  };
}

/** Data of every content-log event. */
export const articleContentSchema = z.object({
  /** Per-article counter that only grows; consumers ignore versions they already hold. */
  version: z.number().int().positive(),
  article: publicArticleSchema,
});
export type ArticleContent = z.infer<typeof articleContentSchema>;
