import { PossibleDuplicate } from '@broadsheet/contracts';
import { bandKeys, similarity } from './minhash';
import { DUPLICATE_THRESHOLD, Fingerprinted } from './near-duplicates';

/** A story's fingerprint as the index holds it: the signature packed (4 bytes a hash, not a boxed double). */
export interface Indexed extends Fingerprinted {
  signature: Uint32Array;
  /** When this version came in (ms since the epoch). */
  at: number;
  /** The last lookup that compared it: a story sharing several bands is compared once per lookup. */
  lookup: number;
}

/**
 * A band shared by more stories than this is boilerplate (a standard sign-off, a paragraph every story
 * repeats), not a sign of one story re-sent: it stops being a lookup key while that many stories hold it.
 * A rewrite shares several bands with its original (at 0.3 similarity, 3 of 32 on average), so losing one
 * to boilerplate rarely loses the pair, and no lookup compares thousands of candidates.
 */
export const CROWDED_BAND = 100;

/**
 * MinHash fingerprints by band, in memory (locality-sensitive hashing): a story is compared only with the
 * stories sharing a band with it. The store keeps the fingerprints (FingerprintIndex loads and follows
 * them); looking bands up here costs no round trip, and writing a fingerprint costs the store one plain
 * document instead of 32 multikey index entries.
 *
 * A band's bucket holds one fingerprint (the usual case: each is a number-keyed map slot), a list, or,
 * once crowded, only its count.
 */
export class RecentIndex {
  private readonly held = new Map<string, Indexed>();
  private readonly buckets = new Map<number, Indexed | Indexed[] | number>();
  private lookups = 0;

  /** `capacity`: most fingerprints held; beyond it the longest held go first. */
  constructor(
    private readonly capacity: number,
    private readonly crowdedBand = CROWDED_BAND,
  ) {}

  get size(): number {
    return this.held.size;
  }

  /** Adds a story's fingerprint, replacing an older version's; a story without words has none. */
  add(articleKey: string, signature: ArrayLike<number>, at: number): void {
    if ((this.held.get(articleKey)?.at ?? -Infinity) > at) return;
    this.remove(articleKey);
    if (signature.length === 0) return;
    const item: Indexed = { articleKey, signature: Uint32Array.from(signature), at, lookup: 0 };
    this.held.set(articleKey, item);
    for (const band of bandKeys(item.signature)) this.enter(band, item);
    for (const oldest of this.held.values()) {
      if (this.held.size <= this.capacity) break;
      this.remove(oldest.articleKey);
    }
  }

  /**
   * The stories sharing an uncrowded band with `signature` (other than `except`) whose similarity reaches
   * `threshold`, in no particular order. Each is compared once, with no set or list built per lookup: a
   * batch looks up hundreds of stories, each sharing bands with dozens.
   */
  similar(signature: ArrayLike<number>, except: string, threshold = DUPLICATE_THRESHOLD): PossibleDuplicate[] {
    const lookup = ++this.lookups;
    const found: PossibleDuplicate[] = [];
    const compare = (item: Indexed): void => {
      if (item.lookup === lookup || item.articleKey === except) return;
      item.lookup = lookup;
      const score = similarity(signature, item.signature);
      if (score >= threshold) found.push({ articleKey: item.articleKey, similarity: score });
    };
    for (const band of bandKeys(signature)) {
      const bucket = this.buckets.get(band);
      if (bucket === undefined || typeof bucket === 'number') continue;
      if (Array.isArray(bucket)) bucket.forEach(compare);
      else compare(bucket);
    }
    return found;
  }

  /** Drops the fingerprints that came in before `since`. */
  expire(since: number): void {
    const old = [...this.held.values()].filter((item) => item.at < since);
    for (const item of old) this.remove(item.articleKey);
  }

  private remove(articleKey: string): void {
    const item = this.held.get(articleKey);
    if (!item) return;
    this.held.delete(articleKey);
    // Recomputed rather than kept: 32 hashes cost less than holding 32 numbers for every story.
    for (const band of bandKeys(item.signature)) this.leave(band, item);
  }

  private enter(band: number, item: Indexed): void {
    const bucket = this.buckets.get(band);
    if (bucket === undefined) return void this.buckets.set(band, item);
    const holders = typeof bucket === 'number' ? bucket : Array.isArray(bucket) ? bucket.length : 1;
    if (typeof bucket === 'number' || holders >= this.crowdedBand) this.buckets.set(band, holders + 1);
    else if (Array.isArray(bucket)) bucket.push(item);
    else this.buckets.set(band, [bucket, item]);
  }

  private leave(band: number, item: Indexed): void {
    const bucket = this.buckets.get(band);
    if (bucket === undefined) return;
    if (typeof bucket === 'number') {
      // A crowded band only counts its holders; it becomes a lookup key again once it is empty.
      if (bucket > 1) this.buckets.set(band, bucket - 1);
      else this.buckets.delete(band);
    } else if (!Array.isArray(bucket)) {
      if (bucket === item) this.buckets.delete(band);
    } else {
      const rest = bucket.filter((i) => i !== item);
      this.buckets.set(band, rest.length === 1 ? rest[0]! : rest);
    }
  }
}
