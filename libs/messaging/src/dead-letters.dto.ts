import { z } from 'zod';

/** `GET /v1/admin/dlq` query. */
export const listDeadLettersSchema = z.object({
  topic: z
    .string()
    .min(1)
    .optional()
    .describe('The consumed topic whose dead letters to list (its `.dlq` name works too); all of them when absent.'),
  limit: z.coerce.number().int().min(1).max(1_000).default(100).describe('The most recent this many, 1 to 1000.'),
});
export type ListDeadLetters = z.infer<typeof listDeadLettersSchema>;

/** Kafka's longest topic name. */
const maxTopicLength = 249;

const offset = z
  .union([z.string().regex(/^[0-9]{1,19}$/, 'a non-negative integer'), z.number().int().min(0)])
  .transform((v) => String(v));

/** `POST /v1/admin/dlq/replay` body: either some dead letters by their place in the dead-letter topic, or all. */
export const replayDeadLettersSchema = z
  .object({
    topic: z
      .string()
      .min(1)
      .max(maxTopicLength)
      .optional()
      .describe('The consumed topic (or its .dlq name); all consumed topics when absent.'),
    offsets: z
      .array(
        z.object({
          partition: z.number().int().min(0).max(2_147_483_647).describe('dlqPartition, as listed.'),
          offset: offset.describe('dlqOffset, as listed.'),
        }),
      )
      .min(1)
      // Few enough that the largest request fits the smallest body limit (delivery's 16 KB) with room to spare.
      .max(200)
      .optional()
      .describe('Dead letters by their place in the dead-letter topic, up to 200; give this or `all`.'),
    all: z.boolean().optional().describe('Every dead letter of the topic (or of all consumed topics); or `offsets`.'),
  })
  .refine((b) => Boolean(b.offsets) !== Boolean(b.all), {
    message: 'give either offsets or all: true',
    path: ['offsets'],
  })
  // The refinement above, for the OpenAPI document: offsets (with `all` absent or false), or `all: true` alone.
  .meta({
    anyOf: [
      { required: ['offsets'], properties: { all: { enum: [false] } } },
      { required: ['all'], properties: { all: { enum: [true] } }, not: { required: ['offsets'] } },
    ],
  });
export type ReplayDeadLetters = z.infer<typeof replayDeadLettersSchema>;

export type ReplayOutcome = 'replayed' | 'skipped' | 'failed' | 'not_found';

/** What happened to one selected dead letter. */
export interface ReplayResult {
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  /** replayed: handled now; skipped: replayed before; failed: the handler failed again (it stays replayable); not_found. */
  outcome: ReplayOutcome;
  replayedAt?: string;
  errorCode?: string;
  error?: string;
}
