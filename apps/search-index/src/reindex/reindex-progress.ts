/** Where a reindex is: building its index from the log, swapping it in, or finished one way or the other. */
export type ReindexState = 'preparing' | 'replaying' | 'swapping' | 'done' | 'failed';

/** The counters a running reindex keeps. */
export interface ReindexCounters {
  id: string;
  state: ReindexState;
  /** The index being built (after the swap, the name the old index leaves under before it is deleted). */
  index: string;
  settingsVersion: string;
  startedAt: Date;
  finishedAt?: Date;
  eventsRead: number;
  documentsIndexed: number;
  skipped: number;
  /** Content-log messages still to read, at the last look. */
  lag: number;
  error?: string;
}

/** A reindex as an operator sees it: the counters, the rate so far and when it should end at that rate. */
export interface ReindexProgress {
  id: string;
  state: ReindexState;
  index: string;
  settingsVersion: string;
  startedAt: string;
  finishedAt: string | null;
  eventsRead: number;
  documentsIndexed: number;
  skipped: number;
  lag: number;
  /** Events read per second since the start. */
  eventsPerSecond: number;
  /** When the lag should be read at the rate so far; null before any event or once finished. */
  expectedEndAt: string | null;
  error: string | null;
}

export function progressOf(c: ReindexCounters, now: Date): ReindexProgress {
  const seconds = Math.max(0.001, ((c.finishedAt ?? now).getTime() - c.startedAt.getTime()) / 1000);
  const rate = c.eventsRead / seconds;
  const running = c.state !== 'done' && c.state !== 'failed';
  const expectedEnd = running && rate > 0 ? new Date(now.getTime() + (c.lag / rate) * 1000) : undefined;
  return {
    id: c.id,
    state: c.state,
    index: c.index,
    settingsVersion: c.settingsVersion,
    startedAt: c.startedAt.toISOString(),
    finishedAt: c.finishedAt?.toISOString() ?? null,
    eventsRead: c.eventsRead,
    documentsIndexed: c.documentsIndexed,
    skipped: c.skipped,
    lag: c.lag,
    eventsPerSecond: Math.round(rate * 10) / 10,
    expectedEndAt: expectedEnd?.toISOString() ?? null,
    error: c.error ?? null,
  };
}

/** The lag of a follower: per partition, the end minus the next offset it will read (its start when none yet). */
export function lagOf(bounds: Map<number, { start: bigint; end: bigint }>, next: ReadonlyMap<number, bigint>): number {
  let lag = 0n;
  for (const [partition, { start, end }] of bounds) {
    const at = next.get(partition) ?? start;
    if (end > at) lag += end - at;
  }
  return Number(lag);
}

/** Whether a follower has read every partition up to these offsets. */
export function reached(ends: Map<number, bigint>, next: ReadonlyMap<number, bigint>): boolean {
  return [...ends].every(([partition, end]) => end === 0n || (next.get(partition) ?? 0n) >= end);
}
