import { notBlank, pageCursorParam } from '@broadsheet/contracts';
import { z } from 'zod';

/** Category slugs: letters of any script, digits and hyphens; nothing a query language could read. Checked as sent. */
export const slugParam = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}-]{0,99}$/u, 'must be a slug')
  .toLowerCase();

/** A free tag as readers filter by it: compared lower-case and trimmed; checked as sent, as documented. */
export const tagParam = z.string().min(1).max(100).regex(notBlank, 'must not be blank').trim().toLowerCase();

/** An author's name as printed in the byline; compared exactly, once trimmed. */
export const authorParam = z.string().min(1).max(200).regex(notBlank, 'must not be blank').trim();

export const pageQuerySchema = z.object({
  category: slugParam.optional().describe('Only this category (its slug, e.g. `politics`).'),
  tag: tagParam.optional().describe('Only articles with this tag (case-insensitive).'),
  author: authorParam.optional().describe('Only articles with this name in the byline (exact, e.g. `Mariam Ahmadi`).'),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Articles per page, 1 to 50.'),
  cursor: pageCursorParam.optional(),
});

export const slugPathSchema = z.object({
  slug: z.string().describe("The article's slug, as list and search answers give it."),
});

export const trendingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Stories, 1 to 50.'),
});
