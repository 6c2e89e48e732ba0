import { httpUrlField, identifierField, plainTextField, SubmissionLimits } from '@broadsheet/contracts';
import { z } from 'zod';
import type { Source } from './source';

const interval = z.number().int().min(5).max(86_400);

export const createSourceSchema = z.strictObject({
  name: plainTextField(100).describe('Name of the source, e.g. "Kabul Wire"; its slug becomes the source id.'),
  defaultCategory: plainTextField(SubmissionLimits.category)
    .optional()
    .describe('Category of stories that carry none; "News" when not set.'),
  autoPublish: z
    .boolean()
    .default(false)
    .describe('Trusted wire: its stories are published with no person touching them.'),
  feedUrl: httpUrlField().optional().describe('RSS or Atom feed that ingest polls itself.'),
  pollIntervalSeconds: interval.default(300).describe('Seconds between polls of the feed (5–86400).'),
});

export const updateSourceSchema = z.strictObject({
  name: plainTextField(100).optional().describe('New display name (the id stays).'),
  defaultCategory: plainTextField(SubmissionLimits.category).optional().describe('New default category.'),
  autoPublish: z.boolean().optional().describe('Whether stories go straight to readers.'),
  feedUrl: httpUrlField().optional().describe('New feed URL.'),
  pollIntervalSeconds: interval.optional().describe('New poll interval in seconds.'),
});

export const sourceIdPathSchema = z.object({ id: identifierField(100).describe('Source id (slug of its name).') });
export const keyPathSchema = sourceIdPathSchema.extend({ keyId: identifierField(100).describe('API key id.') });

/** A source as admins see it: its keys by id and dates only, never a hash. */
export const sourceReplySchema = z.object({
  id: z.string(),
  name: z.string(),
  defaultCategory: z.string().optional(),
  autoPublish: z.boolean(),
  feedUrl: z.string().optional(),
  pollIntervalSeconds: z.number(),
  keys: z.array(z.object({ id: z.string(), createdAt: z.string(), revokedAt: z.string().optional() })),
  lastPoll: z
    .object({
      at: z.string().optional().describe('When the feed was last fetched.'),
      status: z.number().optional().describe('HTTP status of the last fetch (304: unchanged).'),
      error: z.string().optional().describe('Why the last fetch failed, if it did.'),
      failures: z.number().describe('Consecutive failed fetches; the wait doubles with each.'),
      nextAt: z.string().optional().describe('When the next fetch is due.'),
      items: z.object({ accepted: z.number(), duplicate: z.number(), updated: z.number(), rejected: z.number() }),
    })
    .describe('The feed poller’s view of this source.'),
  createdAt: z.string(),
});
export type SourceReply = z.infer<typeof sourceReplySchema>;

/** The answer to creating a source or a key: the secret, shown this once. */
export const keyReplySchema = z.object({
  source: sourceReplySchema,
  apiKey: z.object({ id: z.string(), secret: z.string().describe('Shown only now; ingest keeps its hash.') }),
});

const iso = (d: Date | undefined) => d?.toISOString();

export function toSourceReply(s: Source): SourceReply {
  return {
    id: s.id,
    name: s.name,
    defaultCategory: s.defaultCategory,
    autoPublish: s.autoPublish,
    feedUrl: s.feedUrl,
    pollIntervalSeconds: s.pollIntervalSeconds,
    keys: s.keys.map((k) => ({ id: k.id, createdAt: k.createdAt.toISOString(), revokedAt: iso(k.revokedAt) })),
    lastPoll: {
      at: iso(s.poll.lastPolledAt),
      status: s.poll.lastStatus,
      error: s.poll.lastError,
      failures: s.poll.failures,
      nextAt: iso(s.poll.nextPollAt),
      items: { ...s.poll.items },
    },
    createdAt: s.createdAt.toISOString(),
  };
}
