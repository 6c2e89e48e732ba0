import { z } from 'zod';
import { slugParam } from '../articles/dto';

export const searchQuerySchema = z
  .object({
    /** Words to look for; typos are tolerated. */
    q: z.string().trim().max(200).default(''),
    category: slugParam.optional(),
    tag: z.string().trim().toLowerCase().min(1).max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    sort: z.enum(['relevance', 'newest']).default('relevance'),
    page: z.coerce.number().int().min(1).max(100).default(1),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'must not be after "to"' });

export type SearchQuery = z.infer<typeof searchQuerySchema>;
