import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@broadsheet/observability';
import type { DeliveryConfig } from '../config';
import { weigh } from './weigh';

interface Entry {
  expires: number;
  value: Promise<unknown>;
  /** The loaded value, once the load has settled: what `peek` answers without waiting. */
  settled?: { value: unknown };
  /** Estimated bytes the loaded value holds (0 until it has settled). */
  bytes: number;
}

type HotCacheConfig = Pick<DeliveryConfig, 'CACHE_TTL_MS' | 'CACHE_MAX_ENTRIES' | 'CACHE_MAX_BYTES'>;

/**
 * The in-process cache of hot reads (an article, a list page, a rendered page, a search). A content event
 * clears it on the replica that consumed it; every entry also expires after CACHE_TTL_MS (at most a second),
 * which bounds how stale the other replicas of the consumer group can be. Concurrent misses share one load.
 * It holds at most CACHE_MAX_ENTRIES entries and about CACHE_MAX_BYTES bytes: past either, expired entries
 * go first, then the oldest, so a flood of distinct URLs (searches, slugs) cannot grow the process.
 */
@Injectable()
export class HotCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped on every invalidation: a load begun before it must not be stored after it. */
  private generation = 0;
  private heldBytes = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(@Inject(APP_CONFIG) config: HotCacheConfig) {
    this.ttlMs = config.CACHE_TTL_MS;
    this.maxEntries = config.CACHE_MAX_ENTRIES;
    this.maxBytes = config.CACHE_MAX_BYTES;
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (this.ttlMs === 0) return load();
    const generation = this.generation;
    const value = load();
    if (hit) this.drop(key, hit.value);
    if (this.entries.size >= this.maxEntries) this.evict(now, 1);
    const entry: Entry = { expires: now + this.ttlMs, value, bytes: 0 };
    this.entries.set(key, entry);
    // A failed load is not kept; a load overtaken by an invalidation is dropped once it settles.
    value.then(
      (loaded) => (this.generation !== generation ? this.drop(key, value) : this.settle(key, entry, loaded)),
      () => this.drop(key, value),
    );
    return value;
  }

  /** The value held for `key` if it is loaded and fresh, without starting a load. */
  peek<T>(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit?.settled && hit.expires > Date.now() ? (hit.settled.value as T) : undefined;
  }

  /** Forgets everything: called for every content event, so an update or a kill is never served from here. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.heldBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held by the loaded entries. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** Records a loaded value, unless its entry was evicted while it loaded. */
  private settle(key: string, entry: Entry, loaded: unknown): void {
    if (this.entries.get(key) !== entry) return;
    entry.settled = { value: loaded };
    entry.bytes = weigh(loaded);
    this.heldBytes += entry.bytes;
    if (this.heldBytes > this.maxBytes) this.evict(Date.now(), 0);
  }

  private drop(key: string, value: Promise<unknown>): void {
    const entry = this.entries.get(key);
    if (entry?.value !== value) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }

  /** Expired entries first; then the oldest until `room` more entries and the byte budget fit. */
  private evict(now: number, room: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.drop(key, entry.value);
    for (const [key, entry] of this.entries) {
      if (this.entries.size + room <= this.maxEntries && this.heldBytes <= this.maxBytes) return;
      this.drop(key, entry.value);
    }
  }
}
