import { jwtSecretsShape } from '@broadsheet/auth';
import { baseConfigSchema } from '@broadsheet/observability';
import { z } from 'zod';
import { adSlotsSetting, socialLinksSetting } from './site/site-settings';

export const deliveryConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  MONGO_DB: z.string().default('delivery'),
  MEILI_URL: z.url().default('http://127.0.0.1:7700'),
  /** A search-only key: delivery never writes to the index. */
  MEILI_SEARCH_KEY: z.string().min(16, 'must be at least 16 characters'),
  MEILI_INDEX_PREFIX: z.string().default(''),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** The public origin readers reach the site at: canonical links, feeds and sitemaps are absolute URLs on it. */
  SITE_URL: z
    .url()
    .default('http://127.0.0.1:3000')
    .transform((u) => u.replace(/\/+$/, '')),
  SITE_NAME: z.string().min(1).default('Broadsheet'),
  /** Two- or three-letter language of the publication (Google News sitemap, `<html lang>` default). */
  SITE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .default('en'),
  /** Ad slots per page type, JSON: `{"front":[{"id":"top","width":728,"height":90}],…}`; sizes are reserved. */
  AD_SLOTS: adSlotsSetting,
  /** "Connect with us" links, JSON: `[{"name":"X","url":"https://x.com/…"}]`. */
  SOCIAL_LINKS: socialLinksSetting,
  /** Longest a hot read is served from the in-process cache; content events clear it sooner on this replica. */
  CACHE_TTL_MS: z.coerce.number().int().min(0).max(1_000).default(1_000),
  CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(5_000),
  /** About how many bytes the hot-read cache may hold (estimated per entry); the oldest go first past it. */
  CACHE_MAX_BYTES: z.coerce.number().int().min(1_048_576).default(33_554_432),
  /** Per client (IP): requests a second sustained, and the burst allowed above it. 0 turns limiting off. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(100),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(1_000),
  /** URLs per article sitemap page; the protocol allows 50,000 at most. */
  SITEMAP_PAGE_SIZE: z.coerce.number().int().min(1).max(50_000).default(50_000),
  /** How often the read counters are written to the store (one `$inc` per article and hour). */
  VIEWS_FLUSH_MS: z.coerce.number().int().min(50).default(1_000),
  /** Verifies admin tokens for the dead-letter routes (`/v1/admin/dlq`). */
  ...jwtSecretsShape,
});
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
