import { jwtSecretsShape } from '@broadsheet/auth';
import { baseConfigSchema } from '@broadsheet/observability';
import { z } from 'zod';

export const searchIndexConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3003),
  MEILI_URL: z.url().default('http://127.0.0.1:7700'),
  /** A key allowed to manage indexes and documents (the master key locally). */
  MEILI_MASTER_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** Prepended to index names (test and benchmark isolation). */
  MEILI_INDEX_PREFIX: z.string().default(''),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** Verifies admin tokens for the dead-letter routes (`/v1/admin/dlq`). */
  ...jwtSecretsShape,
});
export type SearchIndexConfig = z.infer<typeof searchIndexConfigSchema>;
