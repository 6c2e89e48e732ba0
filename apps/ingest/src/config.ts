import { jwtSecretsShape } from '@broadsheet/auth';
import { baseConfigSchema } from '@broadsheet/observability';
import { z } from 'zod';

/** Why a pair cannot be used: a key shared by two sources would let one submit as the other. */
function keyProblem(keys: Map<string, string>, source: string, key: string): string | undefined {
  if (!source || key.length < 16) return 'expected source:key with a key of 16+ characters';
  if (keys.has(source)) return 'listed twice';
  if ([...keys.values()].includes(key)) return 'its key is already the key of another source';
  return undefined;
}

/** `source:key,source:key`: the sources allowed to submit and the API key of each. */
const apiKeys = z
  .string()
  .min(1, 'set at least one source:key pair')
  .transform((s, ctx) => {
    const pairs = s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const keys = new Map<string, string>();
    for (const pair of pairs) {
      // Split at the first colon only: a key may itself contain colons and must be kept whole.
      const at = pair.indexOf(':');
      const source = at < 0 ? pair : pair.slice(0, at);
      const key = at < 0 ? '' : pair.slice(at + 1);
      const problem = keyProblem(keys, source, key);
      if (problem) ctx.addIssue({ code: 'custom', message: `"${source}": ${problem}` });
      else keys.set(source, key);
    }
    return keys;
  });

export const ingestConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  MONGO_DB: z.string().default('ingest'),
  SOURCE_API_KEYS: apiKeys,
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** How often the feed poller looks for feeds that are due (each feed has its own interval). */
  FEED_POLL_TICK_MS: z.coerce.number().int().positive().default(1_000),
  /** A feed fetch slower than this counts as a failure and backs off. */
  FEED_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Largest feed document read; a bigger one is a failed poll. */
  FEED_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  /**
   * Recent fingerprints each ingest process holds in memory for near-duplicate lookups (the 72-hour window,
   * newest first). About 1.9 KB each (measured): the default, three days of 10,000 wire stories a day, takes
   * about 57 MB.
   */
  NEAR_DUPLICATE_CAPACITY: z.coerce.number().int().positive().default(30_000),
  /**
   * Worker threads that clean batches (HTML parsing and sanitizing, MinHash) beside the thread that serves
   * requests and the store. One suits a 2-core pod: the store and Kafka need the other core too.
   */
  INTAKE_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** Verifies admin tokens for the dead-letter routes (`/v1/admin/dlq`). */
  ...jwtSecretsShape,
});
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
