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
  /** Absolute http(s) URL of the image. */
  url: z.url({ protocol: /^https?$/ }),
  /** Alternative text for screen readers. */
  alt: z.string().max(500).optional(),
  /** Caption shown under the image. */
  caption: z.string().max(1_000).optional(),
  /** Photographer or agency credit. */
  credit: z.string().max(200).optional(),
});

/** The canonical submission: one story as a source sends it. */
export const submissionSchema = z.object({
  /** The source's own id for the story; with the source it forms the article key. */
  externalId: trimmed(200),
  /** Plain-text headline. */
  headline: trimmed(SubmissionLimits.headline),
  /** Plain-text standfirst shown under the headline and in lists. */
  summary: z.string().trim().max(SubmissionLimits.summary).optional(),
  /** Story body as HTML; sanitized on ingest. */
  body: trimmed(SubmissionLimits.body),
  /** Author names as they should be printed. */
  bylines: z.array(trimmed(200)).max(20).optional(),
  /** Category slug or label, e.g. "Politics". */
  category: trimmed(100),
  /** Free tags. */
  tags: z.array(trimmed(100)).max(SubmissionLimits.tags).optional(),
  /** BCP 47 language tag, e.g. "en" or "fa-AF". */
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag')
    .optional(),
  /** When the source first published the story (ISO-8601). */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  /** Canonical URL of the story at the source. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Images that illustrate the story. */
  images: z.array(imageSchema).max(50).optional(),
});

export type Submission = z.infer<typeof submissionSchema>;
export type Image = z.infer<typeof imageSchema>;
