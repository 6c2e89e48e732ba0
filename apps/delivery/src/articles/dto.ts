import { z } from 'zod';

/** Category and tag slugs: letters of any script, digits and hyphens; nothing a query language could read. */
export const slugParam = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}-]{0,99}$/u, 'must be a slug');

export const pageQuerySchema = z.object({
  category: slugParam.optional(),
  tag: z.string().trim().toLowerCase().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(500).optional(),
});
