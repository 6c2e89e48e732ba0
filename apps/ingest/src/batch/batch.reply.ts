import { z } from 'zod';
import type { ItemResult } from './batch.service';

/** The 207 answer to a batch or a posted feed: one result per item, in the order sent, and the totals. */
export const batchReplySchema = z.object({
  results: z
    .array(
      z.object({
        index: z.number().int().describe('Position of the item in the request, from 0.'),
        id: z.string().describe("Ingest's id for this item; `GET /v1/submissions/:id` reads it."),
        status: z.enum(['accepted', 'duplicate', 'updated', 'rejected']).describe('What came of the item.'),
        articleKey: z.string().optional().describe('`source:externalId`, when the item was valid.'),
        reasons: z
          .array(z.object({ path: z.string(), message: z.string() }))
          .optional()
          .describe('Why it was rejected: the field at fault and what is wrong with it.'),
      }),
    )
    .describe('One result per item.'),
  counts: z
    .object({ accepted: z.number(), duplicate: z.number(), updated: z.number(), rejected: z.number() })
    .describe('How many items came to each status.'),
});
export type BatchReply = z.infer<typeof batchReplySchema>;

export function toBatchReply(results: ItemResult[]): BatchReply {
  const counts = { accepted: 0, duplicate: 0, updated: 0, rejected: 0 };
  for (const r of results) counts[r.status]++;
  return {
    results: results.map(({ index, id, status, articleKey, reasons }) => ({
      index,
      id,
      status,
      articleKey,
      reasons: reasons?.map(({ path, message }) => ({ path, message })),
    })),
    counts,
  };
}
