import { z } from 'zod';
import { SubmissionLimits as L } from './submission';
import { httpUrlField, optionalPlainText, plainTextField } from './text-fields';

const plain = (what: string) => z.string().describe(`${what}, in plain text (no markup, no HTML escaping).`);

/** An image as every service holds and serves it: its text fields are plain text. */
export const imageSchema = z.object({
  url: z.string().describe('Absolute http(s) URL of the image.'),
  alt: plain('Alternative text for screen readers').optional(),
  caption: plain('Caption shown under the image').optional(),
  credit: plain('Photographer or agency credit').optional(),
});
export type Image = z.infer<typeof imageSchema>;

/** The same image as editorial takes it in from another service: its text is cleaned again on the way in. */
const ingestedImageSchema = z.object({
  url: httpUrlField(),
  alt: optionalPlainText(L.alt),
  caption: optionalPlainText(L.caption),
  credit: optionalPlainText(L.credit),
});

export const ArticleStatuses = ['draft', 'in_review', 'scheduled', 'published', 'unpublished', 'killed'] as const;
export type ArticleStatus = (typeof ArticleStatuses)[number];

/** A recent story that a new one nearly repeats, by similarity of their word shingles (0–1). */
export const possibleDuplicateSchema = z.object({
  articleKey: z.string().min(3),
  similarity: z.number().min(0).max(1),
});
export type PossibleDuplicate = z.infer<typeof possibleDuplicateSchema>;

/** A public correction appended to a published story, shown to readers with its time. */
export const correctionSchema = z.object({
  note: plain('What was corrected'),
  at: z.iso.datetime({ offset: true }).describe('When the correction was published (ISO-8601).'),
});
export type Correction = z.infer<typeof correctionSchema>;

/**
 * A story as ingest hands it to editorial: sanitized, normalized, keyed by `source:externalId`. Its
 * plain-text fields go through the same cleaning again when editorial parses the event, so no producer
 * can put markup or controls on the desk; a required field left empty makes the event invalid.
 */
export const ingestedStorySchema = z.object({
  /** `source:externalId`: the same story from the same source always has the same key. */
  articleKey: z.string().min(3),
  /** Registered source that sent the story. */
  source: z.string().min(1),
  externalId: z.string().min(1),
  /** Grows by one each time the source sends a changed version. */
  revision: z.number().int().positive(),
  headline: plainTextField(L.headline),
  summary: optionalPlainText(L.summary),
  /** Sanitized HTML. */
  body: z.string().min(1),
  bylines: z.array(plainTextField(L.byline)).default([]),
  /** Category slug, lower-case kebab. */
  category: z.string().min(1),
  /** Category as the source labelled it. */
  categoryLabel: plainTextField(L.category),
  tags: z.array(plainTextField(L.tag)).default([]),
  language: z.string().default('en'),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  url: httpUrlField().optional(),
  images: z.array(ingestedImageSchema).default([]),
  /** sha256 of the normalized story; a resubmission with the same hash is a duplicate. */
  contentHash: z.string(),
  /** An agency flash: a headline with no body yet. Editorial keeps it as a draft marked as a flash. */
  flash: z.boolean().optional(),
  /** Recent stories this one nearly repeats (another agency's version of the same story), most similar first. */
  possibleDuplicateOf: z.array(possibleDuplicateSchema).max(10).optional(),
  /** The source is trusted to reach readers directly: editorial publishes the story with no person touching it. */
  autoPublish: z.boolean().optional(),
});
export type IngestedStory = z.infer<typeof ingestedStorySchema>;

/** The public snapshot of an article carried by every content-log event (state-carried transfer). */
export const publicArticleSchema = z.object({
  id: z.string().min(1),
  /** URL slug; readers reach the article at `/articles/:slug`. */
  slug: z.string().min(1),
  status: z.enum(ArticleStatuses),
  headline: plain('Headline'),
  summary: plain('Standfirst shown under the headline and in lists').optional(),
  body: z.string().describe('Story body as sanitized HTML.'),
  bylines: z.array(z.string()).describe('Author names, in plain text (no markup, no HTML escaping).'),
  category: z.string().describe('Category slug, lower-case kebab.'),
  categoryLabel: plain('Category as the source labelled it'),
  tags: z.array(z.string()).describe('Tags, lower case, in plain text (no markup, no HTML escaping).'),
  language: z.string(),
  images: z.array(imageSchema),
  /** First publication time (ISO-8601). */
  publishedAt: z.iso.datetime({ offset: true }),
  /** Last time the public content changed (ISO-8601). */
  updatedAt: z.iso.datetime({ offset: true }),
  /** Source's canonical URL, when the story came from a wire. */
  sourceUrl: z.string().optional(),
  /** Public corrections, oldest first. */
  corrections: z.array(correctionSchema).optional(),
  /** Slugs the story was published under before its current one; readers there get a 301 to `slug`. */
  previousSlugs: z.array(z.string().min(1)).optional(),
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

/** What an article says, without where it sits (status, slug): a story's content as revisions keep it. */
export type ArticleContentFields = Omit<ArticleFields, 'status' | 'slug'>;

/** Copies exactly the content fields out of a larger shape (an article, a wire update). */
export function contentFields(a: ArticleContentFields): ArticleContentFields {
  return {
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

/** Copies exactly the shared article fields out of a larger shape (a stored document, a domain object). */
export function articleFields(a: ArticleFields): ArticleFields {
  return { status: a.status, slug: a.slug, ...contentFields(a) };
}

/** Data of every content-log event. */
export const articleContentSchema = z.object({
  /** Per-article counter that only grows; consumers ignore versions they already hold. */
  version: z.number().int().positive(),
  article: publicArticleSchema,
  /** Why a story was killed (on `article.killed` only): the one thing besides its id, slug and times it keeps. */
  reason: z.string().max(500).optional(),
});
export type ArticleContent = z.infer<typeof articleContentSchema>;
