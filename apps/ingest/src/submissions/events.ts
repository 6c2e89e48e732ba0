import {
  DomainEvent,
  ErrorDetail,
  EventCatalog,
  EventTypes,
  IngestedStory,
  makeEnvelope,
  MAX_EVENT_BYTES,
  stripControls,
  SubmissionLimits,
} from '@broadsheet/contracts';
import { correlationIdOrNew } from '@broadsheet/observability';

/** A story for editorial; `correlationId` is the submission's own (a Kafka batch carries one per message). */
export function ingestedEvent(story: IngestedStory, correlationId = correlationIdOrNew()): DomainEvent {
  const type = EventTypes.ArticleIngested;
  return makeEnvelope({
    type,
    source: '/ingest',
    subject: story.articleKey,
    dataschema: EventCatalog[type].dataschema,
    correlationId,
    data: story,
  }) as DomainEvent;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The rejection of a submission, carrying the original as it came so nothing is lost; an original too big
 * to travel beside the reasons is left out (it stays on the submissions topic) rather than losing the event.
 */
export function rejectedEvent(
  id: string,
  source: string,
  raw: unknown,
  reasons: ErrorDetail[],
  correlationId = correlationIdOrNew(),
): { event: DomainEvent; externalId?: string } {
  const externalId =
    isRecord(raw) && typeof raw.externalId === 'string'
      ? stripControls(raw.externalId).slice(0, SubmissionLimits.externalId)
      : undefined;
  const fits = isRecord(raw) && Buffer.byteLength(JSON.stringify(raw)) < MAX_EVENT_BYTES / 2;
  const type = EventTypes.SubmissionRejected;
  const event = makeEnvelope({
    type,
    source: '/ingest',
    subject: id,
    dataschema: EventCatalog[type].dataschema,
    correlationId,
    data: { submissionId: id, source, externalId, reasons, original: fits ? raw : undefined },
  }) as DomainEvent;
  return { event, externalId };
}
