import {
  ArticleStatuses,
  htmlBodyField,
  identifierField,
  optionalPlainText,
  pageCursorParam,
  plainTextField,
  SubmissionLimits as L,
  submittedImageSchema,
} from '@broadsheet/contracts';
import { z } from 'zod';
import { MAX_SLUG, slugPattern } from '../domain/slug';

const instant = (what: string) =>
  z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .describe(`${what} (ISO-8601 with any offset; stored in UTC).`);

/** A filter value: no controls (the store cannot compare text holding NUL), not blank. */
const filterText = identifierField;

export const listQuerySchema = z.object({
  status: z.enum(ArticleStatuses).optional().describe('Only articles in this workflow state.'),
  category: filterText(100).optional().describe('Only this category (its slug).'),
  author: filterText(200).optional().describe('Only articles created by this user id or with this byline.'),
  q: filterText(200).optional().describe('Words in the headline (literal text, case-insensitive).'),
  from: instant('Only articles changed at or after this time').optional(),
  to: instant('Only articles changed before this time').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Articles per page, 1 to 100.'),
  cursor: pageCursorParam.optional(),
});

export const idPathSchema = z.object({
  id: z.string().max(200).describe('The article id, as the desk list gives it.'),
});

export const revisionPathSchema = idPathSchema.extend({
  n: z.coerce.number().int().min(1).max(1_000_000).describe('Revision number, from 1.'),
});

export const diffQuerySchema = z.object({
  against: z.coerce.number().int().min(1).max(1_000_000).describe('The earlier revision to compare with.'),
});

const bylines = z.array(plainTextField(L.byline)).max(L.bylines).describe('Plain-text author names.');
const tags = z.array(plainTextField(L.tag)).max(L.tags).describe('Plain-text tags.');
const language = z
  .string()
  .max(L.language)
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag')
  .describe('BCP 47 language tag, e.g. "en" or "fa-AF".');
const headline = plainTextField(L.headline).describe(`Plain-text headline, at most ${L.headline} characters.`);
const body = htmlBodyField(L.body).describe(`Story body as HTML, sanitized; at most ${L.body} characters.`);
const category = plainTextField(L.category).describe('Category label in plain text, e.g. "Politics".');

export const createBodySchema = z
  .object({
    headline,
    summary: optionalPlainText(L.summary).describe('Plain-text standfirst.'),
    body,
    bylines: bylines.default([]),
    category,
    tags: tags.default([]),
    language: language.default('en'),
    images: z.array(submittedImageSchema).max(L.images).default([]).describe('Images that illustrate the story.'),
  })
  .strict();

export const editBodySchema = z
  .object({
    headline: headline.optional(),
    summary: optionalPlainText(L.summary).nullable().describe('Plain-text standfirst; null removes it.'),
    body: body.optional(),
    bylines: bylines.optional(),
    category: category.optional(),
    tags: tags.optional(),
    language: language.optional(),
    slug: z
      .string()
      .max(MAX_SLUG)
      .regex(slugPattern, 'lower-case Latin letters and digits in dash-separated words')
      .optional()
      .describe('A chosen URL slug; once published, the old one keeps answering with a 301.'),
  })
  .strict();

export const publishBodySchema = z
  .object({
    publishAt: instant('Publish at this time instead of now').optional(),
    embargoUntil: instant('Not before this time, whoever presses publish').optional(),
  })
  .strict();

/** Why a story is taken down or off the air: optional, so clients written before it still work. */
export const reasonBodySchema = z
  .object({
    reason: plainTextField(500)
      .optional()
      .describe('Why (plain text): on the audit line, and on the kill event for a kill.'),
  })
  .strict();

export const correctionBodySchema = z
  .object({ note: plainTextField(1_000).describe('The public correction readers see, in plain text.') })
  .strict();
