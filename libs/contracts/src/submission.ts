import { z } from 'zod';
import {
  htmlBodyField,
  httpUrlField,
  identifierField,
  maxUrlLength,
  optionalPlainText,
  plainTextField,
} from './text-fields';

/**
 * Limits are on the text as sent; generous for real stories and small enough that one message stays
 * well under Kafka's 1 MB.
 */
export const SubmissionLimits = {
  externalId: 200,
  headline: 300,
  summary: 1_000,
  body: 200_000,
  byline: 200,
  bylines: 20,
  category: 100,
  tag: 100,
  tags: 30,
  language: 35,
  url: maxUrlLength,
  images: 50,
  alt: 500,
  caption: 1_000,
  credit: 200,
} as const;

const L = SubmissionLimits;

/** An image as a source sends it; its text fields are cleaned to plain text on the way in. */
export const submittedImageSchema = z.strictObject({
  url: httpUrlField().describe(`Absolute http(s) URL of the image, at most ${L.url} characters.`),
  alt: optionalPlainText(L.alt).describe(`Plain text for screen readers (markup is removed), at most ${L.alt}.`),
  caption: optionalPlainText(L.caption).describe(`Plain-text caption (markup is removed), at most ${L.caption}.`),
  credit: optionalPlainText(L.credit).describe(`Plain-text credit (markup is removed), at most ${L.credit}.`),
});

/**
 * The canonical submission: one story as a source sends it. Parsing it cleans every text field. Strict: a
 * key that is no field (a typo, a field this contract lacks, a `$where`) is refused by name, never dropped.
 */
export const submissionSchema = z.strictObject({
  externalId: identifierField(L.externalId).describe(
    `The source's own id for the story; with the source it forms the article key. At most ${L.externalId} characters.`,
  ),
  headline: plainTextField(L.headline).describe(
    `Plain-text headline: markup and entities are removed; refused if no text is left. At most ${L.headline} characters.`,
  ),
  summary: optionalPlainText(L.summary).describe(
    `Plain-text standfirst shown under the headline and in lists (markup is removed). At most ${L.summary} characters.`,
  ),
  body: htmlBodyField(L.body).describe(
    `Story body as HTML; sanitized on ingest and refused if no text is left. At most ${L.body} characters.`,
  ),
  bylines: z
    .array(plainTextField(L.byline))
    .max(L.bylines)
    .optional()
    .describe(`Plain-text author names as they should be printed; up to ${L.bylines} of ${L.byline} characters.`),
  category: plainTextField(L.category).describe(
    `Category label in plain text, e.g. "Politics"; its slug is made from the cleaned text. At most ${L.category}.`,
  ),
  tags: z
    .array(plainTextField(L.tag))
    .max(L.tags)
    .optional()
    .describe(`Plain-text free tags; up to ${L.tags} of ${L.tag} characters.`),
  language: z
    .string()
    .max(L.language)
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag')
    .optional()
    .describe(`BCP 47 language tag, e.g. "en" or "fa-AF"; at most ${L.language} characters.`),
  publishedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When the source first published the story (ISO-8601).'),
  url: httpUrlField().optional().describe(`Canonical URL of the story at the source, at most ${L.url} characters.`),
  images: z
    .array(submittedImageSchema)
    .max(L.images)
    .optional()
    .describe(`Images that illustrate the story, up to ${L.images}.`),
});

/** A submission once parsed: every text field already cleaned. */
export type Submission = z.infer<typeof submissionSchema>;
/** A submission as a source sends it. */
export type SubmissionInput = z.input<typeof submissionSchema>;
