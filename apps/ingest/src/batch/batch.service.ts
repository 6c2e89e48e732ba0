import { Injectable } from '@nestjs/common';
import { DomainError, ErrorDetail, IngestedStory } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { bands } from '../near-duplicates/minhash';
import { DUPLICATE_WINDOW_MS, Fingerprinted, possibleDuplicates } from '../near-duplicates/near-duplicates';
import { ingestedEvent } from '../submissions/events';
import { intake, SourceProfile } from '../submissions/intake';
import { Channel, SubmissionRecord, SubmissionStatus } from '../submissions/submission';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { SubmissionsService } from '../submissions/submissions.service';

/** What became of one item of a batch or feed. */
export interface ItemResult {
  index: number;
  id: string;
  status: SubmissionStatus;
  articleKey?: string;
  reasons?: ErrorDetail[];
}

interface Valid {
  index: number;
  story: IngestedStory;
  signature: number[];
  sanitizerRemoved: number;
}

/** How many stories share one near-duplicate lookup query. */
const LOOKUP_CHUNK = 100;

/**
 * Many stories at once (a batch, a feed): each is cleaned and judged on its own, so one bad item never
 * fails its neighbours, but the store sees a few bulk round trips: one read of the held versions, one
 * near-duplicate lookup per hundred, one insert of the new stories, one insert of the records.
 */
@Injectable()
export class BatchService {
  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly single: SubmissionsService,
  ) {}

  async submitAll(profile: SourceProfile, raws: unknown[], channel: Channel): Promise<ItemResult[]> {
    const results: ItemResult[] = [];
    const records: SubmissionRecord[] = [];
    const receivedAt = new Date();
    const record = (r: ItemResult, extra: Partial<SubmissionRecord> = {}) => {
      results.push(r);
      const { id, status, articleKey, reasons = [] } = r;
      records.push({ id, source: profile.name, channel, status, articleKey, reasons, receivedAt, ...extra });
    };
    const valid: Valid[] = [];
    raws.forEach((raw, index) => {
      const r = intake(raw, profile);
      if (r.ok) valid.push({ index, ...r });
      else record({ index, id: randomUUID(), status: 'rejected', reasons: r.reasons });
    });
    const first = firstOfEachKey(valid);
    await this.markDuplicates(valid, receivedAt);
    const held = await this.repo.findStories(first.map((v) => v.story.articleKey));
    const fresh = first.filter((v) => !held.has(v.story.articleKey));
    const { retry, failed } = await this.insertFresh(fresh, receivedAt);
    for (const v of fresh) {
      const error = failed.get(v.story.articleKey);
      if (error) record({ index: v.index, id: randomUUID(), status: 'rejected', reasons: error.details });
      else if (!retry.has(v.story.articleKey)) record(this.outcome(v, 'accepted'), extras(v));
    }
    // Changed versions, repeats within the batch and lost races take the one-by-one path, in order.
    const rest = valid.filter((v) => !fresh.includes(v) || retry.has(v.story.articleKey));
    for (const v of rest.sort((a, b) => a.index - b.index)) {
      try {
        const stored = await this.single.store(v.story, v.signature);
        record(this.outcome(v, stored.status), { ...extras(v), revision: stored.revision });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        record({
          index: v.index,
          id: randomUUID(),
          status: 'rejected',
          articleKey: v.story.articleKey,
          reasons: error.details,
        });
      }
    }
    await this.repo.recordSubmissions(records);
    return results.sort((a, b) => a.index - b.index);
  }

  private outcome(v: Valid, status: SubmissionStatus): ItemResult {
    return { index: v.index, id: randomUUID(), status, articleKey: v.story.articleKey };
  }

  private async insertFresh(fresh: Valid[], now: Date) {
    const { held, failed } = await this.repo.insertStories(
      fresh.map((v) => ({
        story: {
          articleKey: v.story.articleKey,
          source: v.story.source,
          externalId: v.story.externalId,
          revision: 1,
          contentHash: v.story.contentHash,
          updatedAt: now,
          signature: v.signature,
          bands: bands(v.signature),
        },
        event: ingestedEvent(v.story),
      })),
    );
    return { retry: held, failed };
  }

  /** Near-duplicates among recent stories and among the batch's own earlier items, a few queries in all. */
  private async markDuplicates(valid: Valid[], now: Date): Promise<void> {
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
    const earlier: Fingerprinted[] = [];
    for (let i = 0; i < valid.length; i += LOOKUP_CHUNK) {
      const chunk = valid.slice(i, i + LOOKUP_CHUNK).filter((v) => v.signature.length > 0);
      const allBands = [...new Set(chunk.flatMap((v) => bands(v.signature)))];
      const recent = await this.repo.findSimilarSince(allBands, since, '', 500);
      for (const v of chunk) {
        const others = [...recent, ...earlier].filter((c) => c.articleKey !== v.story.articleKey);
        const found = possibleDuplicates(v.signature, others);
        if (found.length > 0) v.story = { ...v.story, possibleDuplicateOf: found };
        earlier.push({ articleKey: v.story.articleKey, signature: v.signature });
      }
    }
  }
}

function extras(v: Valid): Partial<SubmissionRecord> {
  return {
    externalId: v.story.externalId,
    revision: 1,
    sanitizerRemoved: v.sanitizerRemoved,
    flash: v.story.flash,
    possibleDuplicateOf: v.story.possibleDuplicateOf,
  };
}

/** The first item of each article key; later ones are versions of it and go one by one after it. */
function firstOfEachKey(valid: Valid[]): Valid[] {
  const seen = new Set<string>();
  return valid.filter((v) => !seen.has(v.story.articleKey) && (seen.add(v.story.articleKey), true));
}
