import { z } from 'zod';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Limits are generous for real stories and small enough that one message stays well under Kafka's 1 MB. */
export const SubmissionLimits = {
  headline: 300,
  summary: 1_000,
  body: 200_000,
  tags: 30,
} as const;

export const imageSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).describe('Absolute http(s) URL of the image.'),
  alt: z.string().max(500).optional().describe('Alternative text for screen readers.'),
  caption: z.string().max(1_000).optional().describe('Caption shown under the image.'),
  credit: z.string().max(200).optional().describe('Photographer or agency credit.'),
});

/** The canonical submission: one story as a source sends it. */
export const submissionSchema = z.object({
  externalId: trimmed(200).describe("The source's own id for the story; with the source it forms the article key."),
  headline: trimmed(SubmissionLimits.headline).describe('Plain-text headline.'),
  summary: z
    .string()
    .trim()
    .max(SubmissionLimits.summary)
    .optional()
    .describe('Plain-text standfirst shown under the headline and in lists.'),
  body: trimmed(SubmissionLimits.body).describe('Story body as HTML; sanitized on ingest.'),
  bylines: z.array(trimmed(200)).max(20).optional().describe('Author names as they should be printed.'),
  category: trimmed(100).describe('Category slug or label, e.g. "Politics".'),
  tags: z.array(trimmed(100)).max(SubmissionLimits.tags).optional().describe('Free tags.'),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag')
    .optional()
    .describe('BCP 47 language tag, e.g. "en" or "fa-AF".'),
  publishedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When the source first published the story (ISO-8601).'),
  url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Canonical URL of the story at the source.'),
  images: z.array(imageSchema).max(50).optional().describe('Images that illustrate the story.'),
});

export type Submission = z.infer<typeof submissionSchema>;
export type Image = z.infer<typeof imageSchema>;
