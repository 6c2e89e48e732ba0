import { z } from 'zod';

export const reindexIdSchema = z.object({
  id: z
    .string()
    .regex(/^\d{14}_[0-9a-f]{6}$/, 'must be a reindex id as POST /v1/admin/reindex returned it')
    .describe('The reindex id POST /v1/admin/reindex returned.'),
});

export const reindexReplySchema = z.object({
  id: z.string().describe('The reindex id.'),
  state: z
    .enum(['preparing', 'replaying', 'swapping', 'done', 'failed'])
    .describe('preparing its index, replaying the content log, swapping it in, or finished.'),
  index: z.string().describe('The index it builds (deleted at the end: after the swap it holds the old documents).'),
  settingsVersion: z.string().describe('The settings version the new index gets (the running code’s).'),
  startedAt: z.string().describe('ISO-8601.'),
  finishedAt: z.string().nullable().describe('ISO-8601, once done or failed.'),
  eventsRead: z.number().int().describe('Content-log messages read so far.'),
  documentsIndexed: z.number().int().describe('Documents written into the new index so far.'),
  skipped: z.number().int().describe('Messages that are not valid content events, or documents Meilisearch refused.'),
  lag: z.number().int().describe('Content-log messages still to read, at the last look.'),
  eventsPerSecond: z.number().describe('Events read per second since the start.'),
  expectedEndAt: z.string().nullable().describe('When the lag should be read at that rate (ISO-8601).'),
  error: z.string().nullable().describe('Why it failed.'),
});
