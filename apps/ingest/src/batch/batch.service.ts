import { Injectable } from '@nestjs/common';
import { DomainError, IngestedStory } from '@broadsheet/contracts';
import { FingerprintIndex } from '../near-duplicates/fingerprint-index';
import { Fingerprint } from '../near-duplicates/fingerprints.repository';
import { mostSimilar } from '../near-duplicates/near-duplicates';
import { RecentIndex } from '../near-duplicates/recent-index';
import { ingestedEvent } from '../submissions/events';
import { SourceProfile } from '../submissions/intake';
import { Channel, SubmissionRecord } from '../submissions/submission';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { SubmissionsService } from '../submissions/submissions.service';
import { BatchOutcome, ItemResult } from './batch-outcome';
import { IntakePool } from './intake-pool';

export type { ItemResult } from './batch-outcome';

interface Valid {
  index: number;
  story: IngestedStory;
  signature: number[];
  sanitizerRemoved: number;
  version?: number;
}

/**
 * Many stories at once (a batch, a feed, a Kafka fetch): each is cleaned and judged on its own, so one bad
 * item never fails its neighbours, but the store sees a few bulk round trips: one read of the held versions,
 * one insert of the new stories with their outbox entries, one of their fingerprints, one of the records.
 * Near-duplicates are looked up in memory (FingerprintIndex). Only changed versions and repeats within the
 * batch go one by one.
 */
@Injectable()
export class BatchService {
  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly single: SubmissionsService,
    private readonly fingerprints: FingerprintIndex,
    private readonly intake: IntakePool,
  ) {}

  /** `correlationIds[i]`, when given, is item i's own (a Kafka message's); otherwise the request's. */
  async submitAll(
    profile: SourceProfile,
    raws: readonly unknown[],
    channel: Channel,
    correlationIds: ReadonlyArray<string | undefined> = [],
  ): Promise<ItemResult[]> {
    const outcome = new BatchOutcome(profile.name, channel, raws, correlationIds);
    const valid: Valid[] = [];
    (await this.intake.intakeAll(raws, profile)).forEach((r, index) => {
      if (r.ok) valid.push({ index, ...r });
      else outcome.rejected(index, r.reasons);
    });
    await this.markDuplicates(valid);
    // The first item of each article key; later ones are versions of it and go one by one after it.
    const first = firstOfEach(valid, (v) => v.story.articleKey);
    const held = await this.repo.findStories(first.map((v) => v.story.articleKey));
    const fresh = first.filter((v) => !held.has(v.story.articleKey));
    const { retry, failed } = await this.insertFresh(fresh, outcome.receivedAt, correlationIds);
    for (const v of fresh) {
      const error = failed.get(v.story.articleKey);
      if (error) outcome.rejected(v.index, error.details, v.story.articleKey);
      else if (!retry.has(v.story.articleKey))
        outcome.stored(v.index, 'accepted', v.story.articleKey, extras(v, v.story.revision));
    }
    const inserted = fresh.filter((v) => !retry.has(v.story.articleKey) && !failed.has(v.story.articleKey));
    await this.fingerprints.save(fingerprints(inserted, outcome.receivedAt));
    // Changed versions, repeats within the batch and lost races take the one-by-one path, in order.
    const decided = new Set(fresh.filter((v) => !retry.has(v.story.articleKey)));
    const rest = valid.filter((v) => !decided.has(v));
    for (const v of rest.sort((a, b) => a.index - b.index)) await this.storeOne(v, outcome, correlationIds[v.index]);
    await this.repo.recordSubmissions(outcome.records);
    return outcome.inOrder();
  }

  private async storeOne(v: Valid, outcome: BatchOutcome, correlationId: string | undefined): Promise<void> {
    try {
      const stored = await this.single.store(v.story, v.signature, { version: v.version, correlationId });
      outcome.stored(v.index, stored.status, v.story.articleKey, extras(v, stored.revision));
    } catch (error) {
      // A lost race is retried by Kafka redelivering the batch; an HTTP caller is told to retry that item.
      if (!(error instanceof DomainError) || (error.retryable && outcome.channel === 'kafka')) throw error;
      outcome.rejected(v.index, error.details, v.story.articleKey);
    }
  }

  private async insertFresh(fresh: Valid[], now: Date, correlationIds: ReadonlyArray<string | undefined>) {
    const { held, failed } = await this.repo.insertStories(
      fresh.map((v) => ({
        story: {
          articleKey: v.story.articleKey,
          source: v.story.source,
          externalId: v.story.externalId,
          revision: v.story.revision,
          contentHash: v.story.contentHash,
          updatedAt: now,
        },
        event: ingestedEvent(v.story, correlationIds[v.index]),
      })),
    );
    return { retry: held, failed };
  }

  /** Near-duplicates among recent stories and among the batch's own earlier items. */
  private async markDuplicates(valid: Valid[]): Promise<void> {
    const recent = await this.fingerprints.similar(
      valid.map((v) => ({ articleKey: v.story.articleKey, signature: v.signature })),
    );
    const earlier = new RecentIndex(valid.length);
    valid.forEach((v, i) => {
      const key = v.story.articleKey;
      // A story held and also sent earlier in the batch is counted once, as held.
      const found = mostSimilar(
        firstOfEach([...recent[i]!, ...earlier.similar(v.signature, key)], (d) => d.articleKey),
      );
      if (found.length > 0) v.story = { ...v.story, possibleDuplicateOf: found };
      earlier.add(key, v.signature, 0);
    });
  }
}

function fingerprints(stored: Valid[], updatedAt: Date): Fingerprint[] {
  return stored.map((v) => ({ articleKey: v.story.articleKey, signature: v.signature, updatedAt }));
}

function extras(v: Valid, revision: number): Partial<SubmissionRecord> {
  return {
    externalId: v.story.externalId,
    revision,
    sanitizerRemoved: v.sanitizerRemoved,
    flash: v.story.flash,
    possibleDuplicateOf: v.story.possibleDuplicateOf,
  };
}

/** The first item of each key, in order. */
function firstOfEach<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(key(i)) && (seen.add(key(i)), true));
}
