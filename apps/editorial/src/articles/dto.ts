import { ArticleStatuses } from '@broadsheet/contracts';
import { z } from 'zod';

export const listQuerySchema = z.object({
  status: z.enum(ArticleStatuses).optional(),
  category: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const publishBodySchema = z
  .object({
    /** Publish later (ISO-8601). */
    publishAt: z.iso.datetime({ offset: true }).optional(),
    /** Hold until this time even once published (ISO-8601). */
    embargoUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
