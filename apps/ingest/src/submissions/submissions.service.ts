import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, ErrorDetail, IngestedStory } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { bands } from '../near-duplicates/minhash';
import { DUPLICATE_WINDOW_MS, possibleDuplicates } from '../near-duplicates/near-duplicates';
import { SourceProfiles } from '../sources/source-profiles';
import { ingestedEvent, rejectedEvent } from './events';
import { intake, SourceProfile } from './intake';
import { Channel, SubmissionRecord, SubmissionStatus } from './submission';
import { SubmissionsRepository } from './submissions.repository';

export interface SubmissionResult {
  /** Ingest's id for this attempt. */
  id: string;
  status: Exclude<SubmissionStatus, 'rejected'>;
  /** `source:externalId`: the story's identity across versions. */
  articleKey: string;
}

type Stored = { status: SubmissionResult['status']; revision: number };

/** Validate, sanitize, normalize and dedupe a story, then hand it to editorial through the outbox. */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly profiles: SourceProfiles,
  ) {}

  /** Over HTTP an invalid story is a 400; from Kafka or a feed poll it is recorded (and announced from Kafka). */
  async submit(source: string, raw: unknown, channel: Channel): Promise<SubmissionResult | null> {
    return this.submitAs(await this.profiles.profileOf(source), raw, channel);
  }

  async submitAs(profile: SourceProfile, raw: unknown, channel: Channel): Promise<SubmissionResult | null> {
    const result = intake(raw, profile);
    if (!result.ok) {
      if (channel === 'http') throw new DomainError(ErrorCodes.ValidationFailed, 'invalid submission', result.reasons);
      await this.reject(profile.name, raw, result.reasons, channel);
      return null;
    }
    const story = await this.withDuplicates(result.story, result.signature);
    const stored = await this.storeOrReject(profile.name, raw, story, result.signature, channel);
    if (!stored) return null;
    const id = randomUUID();
    await this.repo.recordSubmission({
      id,
      source: profile.name,
      channel,
      status: stored.status,
      articleKey: story.articleKey,
      externalId: story.externalId,
      revision: stored.revision,
      reasons: [],
      receivedAt: new Date(),
      sanitizerRemoved: result.sanitizerRemoved,
      flash: story.flash,
      possibleDuplicateOf: story.possibleDuplicateOf,
    });
    return { id, status: stored.status, articleKey: story.articleKey };
  }

  /** One submission of this source; another source's is answered as unknown, never shown. */
  async find(id: string, source: string): Promise<SubmissionRecord> {
    const record = await this.repo.findSubmission(id);
    if (!record || record.source !== source) throw new DomainError(ErrorCodes.NotFound, `submission ${id} not found`);
    return record;
  }

  /** Marks the story with the recent stories (last 72 hours, any source) it nearly repeats. */
  async withDuplicates(story: IngestedStory, signature: number[], now = new Date()): Promise<IngestedStory> {
    if (signature.length === 0) return story;
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
    const candidates = await this.repo.findSimilarSince(bands(signature), since, story.articleKey);
    const found = possibleDuplicates(signature, candidates);
    return found.length > 0 ? { ...story, possibleDuplicateOf: found } : story;
  }

  /**
   * Saves the story; one whose event could not be delivered (too large once cleaned) is refused like an
   * invalid one: a 413 over HTTP, a record and an ingest.rejected.v1 event from Kafka. Nothing is stored.
   */
  private async storeOrReject(
    source: string,
    raw: unknown,
    story: IngestedStory,
    signature: number[],
    channel: Channel,
  ): Promise<Stored | null> {
    try {
      return await this.store(story, signature);
    } catch (error) {
      if (channel === 'http' || !(error instanceof DomainError) || error.code !== ErrorCodes.PayloadTooLarge)
        throw error;
      await this.reject(source, raw, error.details, channel);
      return null;
    }
  }

  /** Saves the story with its event; retries when a concurrent submission of the same story wins a race. */
  async store(draft: IngestedStory, signature: number[]): Promise<Stored> {
    const fingerprint = { signature, bands: bands(signature) };
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.repo.findStory(draft.articleKey);
      if (existing?.contentHash === draft.contentHash) return { status: 'duplicate', revision: existing.revision };
      const story = { ...draft, revision: (existing?.revision ?? 0) + 1 };
      const event = ingestedEvent(story);
      const changes = {
        revision: story.revision,
        contentHash: story.contentHash,
        updatedAt: new Date(),
        ...fingerprint,
      };
      const saved = existing
        ? await this.repo.updateStory(story.articleKey, existing.revision, changes, event)
        : await this.repo.insertStory(
            { articleKey: story.articleKey, source: story.source, externalId: story.externalId, ...changes },
            event,
          );
      if (saved) return { status: existing ? 'updated' : 'accepted', revision: story.revision };
    }
    throw new DomainError(ErrorCodes.Conflict, 'the story is being updated concurrently; retry', [], true);
  }

  /** Records a refused story; from Kafka it is also announced on ingest.rejected.v1 with the original. */
  async reject(source: string, raw: unknown, reasons: ErrorDetail[], channel: Channel): Promise<string> {
    const id = randomUUID();
    const { event, externalId } = rejectedEvent(id, source, raw, reasons);
    await this.repo.recordSubmission(
      { id, source, channel, status: 'rejected', externalId, reasons, receivedAt: new Date() },
      channel === 'kafka' ? [event] : [],
    );
    return id;
  }
}
