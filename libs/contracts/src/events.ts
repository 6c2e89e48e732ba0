import { z } from 'zod';
import { articleContentSchema, ingestedStorySchema } from './article';
import { DomainError, ErrorCodes } from './errors';
import { Envelope, envelopeSchema } from './envelope';
import { Topics } from './topics';
import { identifierField } from './text-fields';
import { zodDetails } from './validation';

/** Event types. Never rename one: they are stored forever in the content log. */
export const EventTypes = {
  SubmissionReceived: 'submission.received',
  SubmissionRejected: 'submission.rejected',
  ArticleIngested: 'article.ingested',
  ArticlePublished: 'article.published',
  ArticleUpdated: 'article.updated',
  ArticleUnpublished: 'article.unpublished',
  ArticleKilled: 'article.killed',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export const submissionReceivedSchema = z.object({
  /** Registered source the story comes from; part of every article key, so bounded and free of controls. */
  source: identifierField(100),
  /** The canonical submission, validated by ingest (an invalid one is rejected, not dead-lettered). */
  submission: z.record(z.string(), z.unknown()),
});

export const submissionRejectedSchema = z.object({
  /** Ingest's id for the attempt; `GET /v1/submissions/:id` shows it. */
  submissionId: z.string().min(1),
  source: z.string().min(1),
  externalId: z.string().optional(),
  reasons: z.array(z.object({ path: z.string(), message: z.string() })),
  /** The submission as it came, so nothing is lost; left out when too big to travel beside the reasons. */
  original: z.record(z.string(), z.unknown()).optional(),
});

const contentEvent = {
  schema: articleContentSchema,
  topic: Topics.ArticlesContent,
  dataschema: 'broadsheet/article-content/v1',
};

/** Each event type's data schema, topic and dataschema URI: the one table producers and consumers check against. */
export const EventCatalog = {
  [EventTypes.SubmissionReceived]: {
    schema: submissionReceivedSchema,
    topic: Topics.IngestSubmissions,
    dataschema: 'broadsheet/submission/v1',
  },
  [EventTypes.SubmissionRejected]: {
    schema: submissionRejectedSchema,
    topic: Topics.IngestRejected,
    dataschema: 'broadsheet/submission-rejected/v1',
  },
  [EventTypes.ArticleIngested]: {
    schema: ingestedStorySchema,
    topic: Topics.ArticlesIngested,
    dataschema: 'broadsheet/article-ingested/v1',
  },
  [EventTypes.ArticlePublished]: contentEvent,
  [EventTypes.ArticleUpdated]: contentEvent,
  [EventTypes.ArticleUnpublished]: contentEvent,
  [EventTypes.ArticleKilled]: contentEvent,
} as const;

type Catalog = typeof EventCatalog;
/** The data type of an event type, inferred from its schema. */
export type EventData<T extends EventType> = z.output<Catalog[T]['schema']>;
export type DomainEvent<T extends EventType = EventType> = { [K in T]: Envelope<EventData<K>> & { type: K } }[T];

export const ContentEventTypes = [
  EventTypes.ArticlePublished,
  EventTypes.ArticleUpdated,
  EventTypes.ArticleUnpublished,
  EventTypes.ArticleKilled,
] as const;
export type ContentEventType = (typeof ContentEventTypes)[number];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventCatalog, type);
}

/** Parses a Kafka message value as an event; a value that is not JSON is refused like an invalid event. */
export function parseEventJson(value: string): DomainEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new DomainError(ErrorCodes.ValidationFailed, 'message is not JSON', [
      { path: '(value)', message: 'malformed JSON' },
    ]);
  }
  return parseEvent(raw);
}

/** Parses and validates an event envelope and its data against the catalog; throws a non-retryable DomainError. */
export function parseEvent(raw: unknown): DomainEvent {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new DomainError(ErrorCodes.ValidationFailed, 'invalid event envelope', zodDetails(envelope.error));
  }
  const { type } = envelope.data;
  if (!isEventType(type)) {
    throw new DomainError(ErrorCodes.ValidationFailed, `unknown event type "${type}"`, [
      { path: 'type', message: 'unknown event type' },
    ]);
  }
  const entry = EventCatalog[type];
  if (envelope.data.dataschema !== entry.dataschema) {
    throw new DomainError(ErrorCodes.ValidationFailed, `dataschema does not match type "${type}"`, [
      { path: 'dataschema', message: `expected ${entry.dataschema}` },
    ]);
  }
  const data = entry.schema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new DomainError(ErrorCodes.ValidationFailed, `invalid "${type}" data`, zodDetails(data.error, 'data'));
  }
  return { ...envelope.data, data: data.data } as DomainEvent;
}

/** Narrows an event to one of the given types. */
export function isEventOf<T extends EventType>(
  event: DomainEvent,
  types: readonly T[],
): event is Extract<DomainEvent, { type: T }> {
  return (types as readonly string[]).includes(event.type);
}
