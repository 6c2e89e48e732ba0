import { z } from 'zod';
import { slugParam, tagParam } from '../articles/dto';

/** An ISO-8601 time with its offset, as documented (`date-time`), read as a Date. */
const isoTime = z.iso.datetime({ offset: true }).transform((at) => new Date(at));

export const searchQuerySchema = z.object({
  q: z.string().max(200).trim().default('').describe('Words to look for; typos are tolerated. Empty lists all.'),
  category: slugParam.optional().describe('Only this category (its slug).'),
  tag: tagParam.optional().describe('Only articles with this tag (case-insensitive).'),
  from: isoTime.optional().describe('Published at or after this time (ISO-8601).'),
  to: isoTime.optional().describe('Published at or before this time (ISO-8601); before `from` finds nothing.'),
  lang: z
    .string()
    .max(35)
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag, e.g. "en" or "fa-AF"')
    .transform((tag) => tag.split('-')[0]!.toLowerCase())
    .optional()
    .describe(
      'Only stories in this language (BCP 47; its primary subtag counts: `fa-AF` finds `fa` stories), and read the query as that language.',
    ),
  sort: z.enum(['relevance', 'newest']).default('relevance').describe('Best match first, or newest first.'),
  page: z.coerce.number().int().min(1).max(100).default(1).describe('Page number, 1 to 100.'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Hits per page, 1 to 50.'),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;
