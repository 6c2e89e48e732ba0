import { jwtSecretsShape } from '@broadsheet/auth';
import { baseConfigSchema } from '@broadsheet/observability';
import { z } from 'zod';

export const deliveryConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  MONGO_DB: z.string().default('delivery'),
  MEILI_URL: z.url().default('http://127.0.0.1:7700'),
  /** A search-only key: delivery never writes to the index. */
  MEILI_SEARCH_KEY: z.string().min(16, 'must be at least 16 characters'),
  MEILI_INDEX_PREFIX: z.string().default(''),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** Verifies admin tokens for the dead-letter routes (`/v1/admin/dlq`). */
  ...jwtSecretsShape,
});
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
