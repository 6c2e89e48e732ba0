import { jwtSecretsShape } from '@broadsheet/auth';
import { baseConfigSchema } from '@broadsheet/observability';
import { z } from 'zod';

export const editorialConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3002),
  MONGO_DB: z.string().default('editorial'),
  /** Verifies editor tokens, and admin tokens for the dead-letter routes. */
  ...jwtSecretsShape,
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
});
export type EditorialConfig = z.infer<typeof editorialConfigSchema>;
