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
  /** How often the scheduler looks for due articles; publications are at most about this late. */
  SCHEDULER_POLL_MS: z.coerce.number().int().positive().default(250),
  /** How long a scheduler's claim on an article lasts before another process may take it over. */
  SCHEDULE_LEASE_MS: z.coerce.number().int().positive().default(15_000),
  /** Scheduled articles one process claims and publishes at once. */
  SCHEDULER_PARALLEL: z.coerce.number().int().min(1).max(100).default(25),
});
export type EditorialConfig = z.infer<typeof editorialConfigSchema>;
