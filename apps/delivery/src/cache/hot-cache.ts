import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@broadsheet/observability';
import type { DeliveryConfig } from '../config';

interface Entry {
  expires: number;
  value: Promise<unknown>;
  /** The loaded value, once the load has settled: what `peek` answers without waiting. */
  settled?: { value: unknown };
}

/**
 * The in-process cache of hot reads (an article, a list page, a rendered page). A content event clears it
 * on the replica that consumed it; every entry also expires after CACHE_TTL_MS (at most a second), which
 * bounds how stale the other replicas of the consumer group can be. Concurrent misses share one load.
 */
@Injectable()
export class HotCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped on every invalidation: a load begun before it must not be stored after it. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(@Inject(APP_CONFIG) config: Pick<DeliveryConfig, 'CACHE_TTL_MS' | 'CACHE_MAX_ENTRIES'>) {
    this.ttlMs = config.CACHE_TTL_MS;
    this.maxEntries = config.CACHE_MAX_ENTRIES;
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (this.ttlMs === 0) return load();
    const generation = this.generation;
    const value = load();
    if (this.entries.size >= this.maxEntries) this.evictExpired(now);
    const entry: Entry = { expires: now + this.ttlMs, value };
    this.entries.set(key, entry);
    // A failed load is not kept; a load overtaken by an invalidation is dropped once it settles.
    value.then(
      (loaded) => (this.generation !== generation ? this.drop(key, value) : (entry.settled = { value: loaded })),
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
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, value: Promise<unknown>): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
