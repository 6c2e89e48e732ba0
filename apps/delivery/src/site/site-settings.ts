import { z } from 'zod';

/** The reader page types that carry advertisements. */
export const pageTypes = ['front', 'article', 'category', 'search'] as const;
export type PageType = (typeof pageTypes)[number];

const adSlotSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  width: z.number().int().min(1).max(2_000),
  height: z.number().int().min(1).max(2_000),
  /** Where the slot sits: above the content, or beside it. */
  place: z.enum(['top', 'aside']).default('top'),
});
export type AdSlot = z.infer<typeof adSlotSchema>;

const adSlotsSchema = z.partialRecord(z.enum(pageTypes), z.array(adSlotSchema).max(6));
export type AdSlots = Partial<Record<PageType, AdSlot[]>>;

const defaultAdSlots: AdSlots = {
  front: [
    { id: 'leaderboard', width: 728, height: 90, place: 'top' },
    { id: 'sidebar', width: 300, height: 250, place: 'aside' },
  ],
  article: [{ id: 'in-article', width: 300, height: 250, place: 'aside' }],
  category: [{ id: 'leaderboard', width: 728, height: 90, place: 'top' }],
  search: [],
};

const socialLinkSchema = z.object({ name: z.string().min(1).max(40), url: z.url({ protocol: /^https?$/ }) });
export type SocialLink = z.infer<typeof socialLinkSchema>;

const defaultSocialLinks: SocialLink[] = [
  { name: 'Facebook', url: 'https://www.facebook.com/' },
  { name: 'X', url: 'https://x.com/' },
  { name: 'YouTube', url: 'https://www.youtube.com/' },
];

/** A JSON setting read from one environment variable, checked by a schema, with a default when unset. */
function jsonSetting<T>(schema: z.ZodType<T>, fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === '') return fallback;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
      const result = schema.safeParse(parsed);
      if (result.success) return result.data;
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    });
}

export const adSlotsSetting = jsonSetting<AdSlots>(adSlotsSchema, defaultAdSlots);
export const socialLinksSetting = jsonSetting<SocialLink[]>(z.array(socialLinkSchema).max(10), defaultSocialLinks);
