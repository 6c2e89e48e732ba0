import { z } from 'zod';
import { SubmissionRecord } from './submission';

/** What `GET /v1/submissions/:id` answers: the attempt's outcome, never storage fields (outbox, leases). */
export const submissionReplySchema = z.object({
  id: z.string().describe("Ingest's id for this attempt."),
  source: z.string().describe('The registered source that sent it.'),
  channel: z.enum(['http', 'batch', 'kafka', 'feed']).describe('How it arrived.'),
  status: z.enum(['accepted', 'duplicate', 'updated', 'rejected']).describe('What came of it.'),
  articleKey: z.string().optional().describe("`source:externalId`: the story's identity across versions."),
  externalId: z.string().optional().describe("The source's own id of the story."),
  revision: z.number().int().optional().describe('Which version of the story this attempt made or matched.'),
  reasons: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .describe('Why it was rejected: the field at fault and what is wrong with it.'),
  receivedAt: z.iso.datetime().describe('When ingest received it (ISO-8601).'),
  sanitizerRemoved: z
    .number()
    .int()
    .optional()
    .describe('How many elements and attributes the body sanitizer removed (scripts, event handlers, styles).'),
  flash: z.boolean().optional().describe('An agency flash: a headline with no body, kept as a draft marked flash.'),
  possibleDuplicateOf: z
    .array(z.object({ articleKey: z.string(), similarity: z.number() }))
    .optional()
    .describe('Recent stories this one nearly repeats, most similar first (similarity 0–1).'),
});
export type SubmissionReply = z.infer<typeof submissionReplySchema>;

/** What `POST /v1/submissions` answers with its 202. */
export const submitReplySchema = z.object({
  id: z.string().describe("Ingest's id for this attempt; `GET /v1/submissions/:id` reads it."),
  status: z
    .enum(['accepted', 'duplicate', 'updated'])
    .describe('accepted: new story; duplicate: same content as held; updated: a new version of a held story.'),
  articleKey: z.string().describe("`source:externalId`: the story's identity across versions."),
});

/** `GET /v1/submissions/:id` path. */
export const submissionIdPathSchema = z.object({
  id: z.string().describe('The id `POST /v1/submissions` answered.'),
});

export function toSubmissionReply(record: SubmissionRecord): SubmissionReply {
  return {
    id: record.id,
    source: record.source,
    channel: record.channel,
    status: record.status,
    articleKey: record.articleKey,
    externalId: record.externalId,
    revision: record.revision,
    reasons: record.reasons.map(({ path, message }) => ({ path, message })),
    receivedAt: record.receivedAt.toISOString(),
    sanitizerRemoved: record.sanitizerRemoved,
    flash: record.flash,
    possibleDuplicateOf: record.possibleDuplicateOf?.map(({ articleKey, similarity }) => ({ articleKey, similarity })),
  };
}
