import { jwtSecretSchema } from '@broadsheet/auth';
import { baseConfigSchema } from '@broadsheet/observability';
import { z } from 'zod';

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
      const [source, key] = pair.split(':');
      if (!source || !key || key.length < 16) {
        ctx.addIssue({
          code: 'custom',
          message: `"${source ?? pair}": expected source:key with a key of 16+ characters`,
        });
        continue;
      }
      keys.set(source, key);
    }
    return keys;
  });

export const ingestConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  MONGO_DB: z.string().default('ingest'),
  SOURCE_API_KEYS: apiKeys,
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** Verifies admin tokens for the dead-letter routes (`/v1/admin/dlq`). */
  JWT_SECRET: jwtSecretSchema,
});
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
