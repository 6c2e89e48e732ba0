import { z } from 'zod';

/** `GET /v1/admin/dlq` query. */
export const listDeadLettersSchema = z.object({
  /** The consumed topic whose dead letters to list (its `.dlq` name works too); all of them when absent. */
  topic: z.string().min(1).optional(),
  /** The most recent this many. */
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});
export type ListDeadLetters = z.infer<typeof listDeadLettersSchema>;

const offset = z
  .union([z.string().regex(/^\d+$/, 'a non-negative integer'), z.number().int().min(0)])
  .transform((v) => String(v));

/** `POST /v1/admin/dlq/replay` body: either some dead letters by their place in the dead-letter topic, or all. */
export const replayDeadLettersSchema = z
  .object({
    topic: z.string().min(1).optional(),
    /** Partition and offset in the dead-letter topic, as `GET /v1/admin/dlq` lists them (dlqPartition, dlqOffset). */
    offsets: z
      .array(z.object({ partition: z.number().int().min(0), offset }))
      .min(1)
      .max(1_000)
      .optional(),
    all: z.boolean().optional(),
  })
  .refine((b) => Boolean(b.offsets) !== Boolean(b.all), {
    message: 'give either offsets or all: true',
    path: ['offsets'],
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
