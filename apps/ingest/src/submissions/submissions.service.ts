import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, IngestedStory } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { FingerprintIndex } from '../near-duplicates/fingerprint-index';
import { mostSimilar } from '../near-duplicates/near-duplicates';
import { SourceProfiles } from '../sources/source-profiles';
import { ingestedEvent } from './events';
import { intake } from './intake';
import { nextRevision } from './wire-status';
import { SubmissionRecord, SubmissionStatus } from './submission';
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
    private readonly fingerprints: FingerprintIndex,
  ) {}

  /**
   * One story over HTTP: an invalid one is a 400, one whose event would be too large a 413, and nothing
   * is stored for either. (Batches, feeds and Kafka go through BatchService, which records refusals.)
   */
  async submit(source: string, raw: unknown): Promise<SubmissionResult> {
    const profile = await this.profiles.profileOf(source);
    const result = intake(raw, profile);
    if (!result.ok) throw new DomainError(ErrorCodes.ValidationFailed, 'invalid submission', result.reasons);
    const story = await this.withDuplicates(result.story, result.signature);
    const stored = await this.store(story, result.signature, { version: result.version });
    const id = randomUUID();
    await this.repo.recordSubmission({
      id,
      source: profile.name,
      channel: 'http',
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
  async withDuplicates(story: IngestedStory, signature: number[]): Promise<IngestedStory> {
    if (signature.length === 0) return story;
    const [similar] = await this.fingerprints.similar([{ articleKey: story.articleKey, signature }]);
    const found = mostSimilar(similar!);
    return found.length > 0 ? { ...story, possibleDuplicateOf: found } : story;
  }

  /**
   * Saves the story with its event; retries when a concurrent submission of the same story wins a race.
   * `version` is the source's own (the revision it becomes); `correlationId` the submission's.
   */
  async store(
    draft: IngestedStory,
    signature: number[],
    { version, correlationId }: { version?: number; correlationId?: string } = {},
  ): Promise<Stored> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.repo.findStory(draft.articleKey);
      if (existing?.contentHash === draft.contentHash) return { status: 'duplicate', revision: existing.revision };
      const story = { ...draft, revision: nextRevision(existing?.revision, version) };
      const event = ingestedEvent(story, correlationId);
      const changes = {
        revision: story.revision,
        contentHash: story.contentHash,
        updatedAt: new Date(),
      };
      const saved = existing
        ? await this.repo.updateStory(story.articleKey, existing.revision, changes, event)
        : await this.repo.insertStory(
            { articleKey: story.articleKey, source: story.source, externalId: story.externalId, ...changes },
            event,
          );
      if (saved) {
        await this.fingerprints.save([{ articleKey: story.articleKey, signature, updatedAt: changes.updatedAt }]);
        return { status: existing ? 'updated' : 'accepted', revision: story.revision };
      }
    }
    throw new DomainError(ErrorCodes.Conflict, 'the story is being updated concurrently; retry', [], true);
  }
}
