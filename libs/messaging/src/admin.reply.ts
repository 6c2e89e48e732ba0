import { replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';

/** The admin routes' answers, for the OpenAPI document (the types stay in dead-letter.ts and refused-outbox.ts). */

const deadLetter = z.object({
  dlqTopic: z.string().describe('The dead-letter topic holding it.'),
  dlqPartition: z.number().int().describe('Its partition there; give it back to replay.'),
  dlqOffset: z.string().describe('Its offset there; give it back to replay.'),
  topic: z.string().describe('Where the message was consumed from.'),
  errorCode: z.string().describe('Why it failed: a platform error code or HANDLER_FAILED.'),
  error: z.string().describe('The failure, as the consumer recorded it.'),
  replayedAt: z.string().nullable().describe('When it was replayed successfully, or null.'),
});

export const deadLettersReplySchema = replyJsonSchema(
  z.object({
    items: z.array(deadLetter).describe('The most recent dead letters, newest first.'),
    total: z.number().int().describe('How many dead letters there are in all.'),
  }),
);

export const replayReplySchema = replyJsonSchema(
  z.object({
    results: z
      .array(
        z.object({
          dlqTopic: z.string().describe('The dead-letter topic.'),
          dlqPartition: z.number().int().describe('Its partition.'),
          dlqOffset: z.string().describe('Its offset.'),
          outcome: z.enum(['replayed', 'skipped', 'failed', 'not_found']).describe('What came of the replay.'),
        }),
      )
      .describe('One entry per selected dead letter.'),
  }),
);

export const refusedOutboxReplySchema = replyJsonSchema(
  z.object({
    items: z
      .array(
        z.object({
          documentId: z.string().describe('The document whose outbox held the event.'),
          type: z.string().describe('The event type.'),
          bytes: z.number().int().describe('Serialized size, as the relay measured it.'),
          error: z.string().describe("The broker's reason."),
        }),
      )
      .describe('Refused events, newest first.'),
  }),
);
