import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCodes,
  ErrorDetail,
  EventCatalog,
  EventTypes,
  IngestedStory,
  makeEnvelope,
  DomainEvent,
  stripControls,
  SubmissionLimits,
  submissionSchema,
  zodDetails,
} from '@broadsheet/contracts';
import { correlationIdOrNew } from '@broadsheet/observability';
import { randomUUID } from 'node:crypto';
import { normalize } from './normalize';
import { SubmissionRecord, SubmissionStatus } from './submission';
import { SubmissionsRepository } from './submissions.repository';

export interface SubmissionResult {
  /** Ingest's id for this attempt. */
  id: string;
  status: Exclude<SubmissionStatus, 'rejected'>;
  /** `source:externalId`: the story's identity across versions. */
  articleKey: string;
}

type Channel = 'http' | 'kafka';

/** Validate, sanitize, normalize and dedupe a story, then hand it to editorial through the outbox. */
@Injectable()
export class SubmissionsService {
  constructor(private readonly repo: SubmissionsRepository) {}

  /** Over HTTP an invalid story is a 400; from Kafka it is recorded and announced on ingest.rejected.v1. */
  async submit(source: string, raw: unknown, channel: Channel): Promise<SubmissionResult | null> {
    const parsed = submissionSchema.safeParse(raw);
    if (!parsed.success) {
      const reasons = zodDetails(parsed.error);
      if (channel === 'http') throw new DomainError(ErrorCodes.ValidationFailed, 'invalid submission', reasons);
      await this.reject(source, raw, reasons);
      return null;
    }
    const draft = normalize(source, parsed.data, 1);
    const status = await this.storeOrReject(source, raw, draft, channel);
    if (!status) return null;
    const id = randomUUID();
    await this.repo.recordSubmission({
      id,
      source,
      channel,
      status: status.status,
      articleKey: draft.articleKey,
      externalId: draft.externalId,
      revision: status.revision,
      reasons: [],
      receivedAt: new Date(),
    });
    return { id, status: status.status, articleKey: draft.articleKey };
  }

  /** One submission of this source; another source's is answered as unknown, never shown. */
  async find(id: string, source: string): Promise<SubmissionRecord> {
    const record = await this.repo.findSubmission(id);
    if (!record || record.source !== source) throw new DomainError(ErrorCodes.NotFound, `submission ${id} not found`);
    return record;
  }

  /**
   * Saves the story; one whose event could not be delivered (too large once cleaned) is refused like an
   * invalid one: a 413 over HTTP, a record and an ingest.rejected.v1 event from Kafka. Nothing is stored.
   */
  private async storeOrReject(
    source: string,
    raw: unknown,
    draft: IngestedStory,
    channel: Channel,
  ): Promise<{ status: SubmissionResult['status']; revision: number } | null> {
    try {
      return await this.store(draft);
    } catch (error) {
      if (channel === 'http' || !(error instanceof DomainError) || error.code !== ErrorCodes.PayloadTooLarge)
        throw error;
      await this.reject(source, raw, error.details);
      return null;
    }
  }

  /** Saves the story with its event; retries when a concurrent submission of the same story wins a race. */
  private async store(draft: IngestedStory): Promise<{ status: SubmissionResult['status']; revision: number }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.repo.findStory(draft.articleKey);
      if (existing?.contentHash === draft.contentHash) return { status: 'duplicate', revision: existing.revision };
      const story = { ...draft, revision: (existing?.revision ?? 0) + 1 };
      const event = ingestedEvent(story);
      const updatedAt = new Date();
      const saved = existing
        ? await this.repo.updateStory(
            story.articleKey,
            existing.revision,
            { revision: story.revision, contentHash: story.contentHash, updatedAt },
            event,
          )
        : await this.repo.insertStory(
            {
              articleKey: story.articleKey,
              source: story.source,
              externalId: story.externalId,
              revision: 1,
              contentHash: story.contentHash,
              updatedAt,
            },
            event,
          );
      if (saved) return { status: existing ? 'updated' : 'accepted', revision: story.revision };
    }
    throw new DomainError(ErrorCodes.Conflict, 'the story is being updated concurrently; retry', [], true);
  }

  private async reject(source: string, raw: unknown, reasons: ErrorDetail[]): Promise<void> {
    const id = randomUUID();
    const externalId =
      typeof raw === 'object' && raw !== null && typeof (raw as { externalId?: unknown }).externalId === 'string'
        ? stripControls((raw as { externalId: string }).externalId).slice(0, SubmissionLimits.externalId)
        : undefined;
    const type = EventTypes.SubmissionRejected;
    const event = makeEnvelope({
      type,
      source: '/ingest',
      subject: id,
      dataschema: EventCatalog[type].dataschema,
      correlationId: correlationIdOrNew(),
      data: { submissionId: id, source, externalId, reasons },
    }) as DomainEvent;
    await this.repo.recordSubmission(
      { id, source, channel: 'kafka', status: 'rejected', externalId, reasons, receivedAt: new Date() },
      [event],
    );
  }
}

function ingestedEvent(story: IngestedStory): DomainEvent {
  const type = EventTypes.ArticleIngested;
  return makeEnvelope({
    type,
    source: '/ingest',
    subject: story.articleKey,
    dataschema: EventCatalog[type].dataschema,
    correlationId: correlationIdOrNew(),
    data: story,
  }) as DomainEvent;
}
