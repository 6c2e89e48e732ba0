import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PossibleDuplicate } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { Fingerprint, FingerprintsRepository } from './fingerprints.repository';
import { DUPLICATE_WINDOW_MS } from './near-duplicates';
import { RecentIndex } from './recent-index';

/** How many recent fingerprints each ingest process holds (`NEAR_DUPLICATE_CAPACITY`). */
export const RECENT_CAPACITY = Symbol('RECENT_CAPACITY');

/** How often a lookup first reads what other ingest processes wrote: how late one may see another's story. */
const FOLLOW_EVERY_MS = 1_000;
/**
 * How far each read reaches back before the previous one: a fingerprint stamped before that read but
 * committed after it (a slow write), or stamped by a clock a little behind ours, is still seen.
 */
const FOLLOW_OVERLAP_MS = 5_000;

/**
 * The recent stories' fingerprints (72 hours, up to the configured capacity), held in memory by every
 * ingest process and backed by the store. At start the process loads the newest of them; it adds what it
 * writes itself at once, and before a lookup reads what other processes wrote since it last looked (at
 * most once a second). Two replicas thus see each other's stories within about a second, as two
 * concurrent batches in one process see each other's once written.
 */
@Injectable()
export class FingerprintIndex implements OnModuleInit {
  private readonly writer = randomUUID();
  private readonly index: RecentIndex;
  private followedAt = 0;
  private following?: Promise<void>;

  constructor(
    private readonly repo: FingerprintsRepository,
    @Inject(RECENT_CAPACITY) private readonly capacity: number,
  ) {
    this.index = new RecentIndex(capacity);
  }

  async onModuleInit(): Promise<void> {
    await this.repo.dropRetiredBandIndex();
    const now = Date.now();
    const newest = await this.repo.newest(new Date(now - DUPLICATE_WINDOW_MS), this.capacity);
    for (const f of newest.reverse()) this.add(f);
    this.followedAt = now;
  }

  /** For each story, the recent stories (other than itself) it nearly repeats, in no particular order. */
  async similar(
    stories: ReadonlyArray<{ articleKey: string; signature: readonly number[] }>,
  ): Promise<PossibleDuplicate[][]> {
    await this.follow();
    return stories.map((s) => this.index.similar(s.signature, s.articleKey));
  }

  /** Stores fingerprints of versions just written and holds them for the next lookups. */
  async save(fingerprints: Fingerprint[]): Promise<void> {
    const kept = fingerprints.filter((f) => f.signature.length > 0);
    await this.repo.save(kept, this.writer);
    for (const f of kept) this.add(f);
  }

  /** Reads other processes' writes since the last read, at most once a second; concurrent lookups share one. */
  private follow(now = Date.now()): Promise<void> {
    if (!this.following && now - this.followedAt >= FOLLOW_EVERY_MS) {
      const since = new Date(Math.max(this.followedAt - FOLLOW_OVERLAP_MS, now - DUPLICATE_WINDOW_MS));
      this.following = this.repo
        .writtenSince(since, this.writer)
        .then((written) => {
          for (const f of written) this.add(f);
          this.index.expire(now - DUPLICATE_WINDOW_MS);
          this.followedAt = now;
        })
        .finally(() => (this.following = undefined));
    }
    return this.following ?? Promise.resolve();
  }

  private add(f: Fingerprint): void {
    this.index.add(f.articleKey, f.signature, f.updatedAt.getTime());
  }
}
