import { ArticleStatuses, pageCursorParam } from '@broadsheet/contracts';
import { z } from 'zod';

export const listQuerySchema = z.object({
  status: z.enum(ArticleStatuses).optional().describe('Only articles in this workflow state.'),
  category: z.string().max(100).optional().describe('Only this category (its slug).'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Articles per page, 1 to 100.'),
  cursor: pageCursorParam.optional(),
});

export const idPathSchema = z.object({
  id: z.string().describe('The article id, as the desk list gives it.'),
});

export const publishBodySchema = z
  .object({
    // Scheduling needs the scheduler (a later issue); refusing beats publishing now by surprise.
    publishAt: z
      .never({ error: 'scheduling is not supported by this version' })
      .optional()
      .describe('Publish later (ISO-8601): not supported yet, so any value is refused.'),
    embargoUntil: z
      .never({ error: 'scheduling is not supported by this version' })
      .optional()
      .describe('Hold until this time even once published (ISO-8601): not supported yet, so any value is refused.'),
  })
  .strict();
