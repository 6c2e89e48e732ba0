import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { slugify } from '@broadsheet/contracts';

/** One API key of a source: only its hash is kept; the key itself is shown once, when made. */
export interface SourceKey {
  id: string;
  hash: string;
  createdAt: Date;
  revokedAt?: Date;
}

/** What ingest knows of its last polls of a source's feed. */
export interface PollState {
  lastPolledAt?: Date;
  lastStatus?: number;
  lastError?: string;
  etag?: string;
  lastModified?: string;
  /** Consecutive failed polls; the wait before the next one doubles with each. */
  failures: number;
  nextPollAt?: Date;
  items: { accepted: number; duplicate: number; updated: number; rejected: number };
}

/** A registered source of stories. */
export interface Source {
  /** Slug of the name; the `source` part of its article keys. */
  id: string;
  name: string;
  defaultCategory?: string;
  autoPublish: boolean;
  feedUrl?: string;
  pollIntervalSeconds: number;
  keys: SourceKey[];
  poll: PollState;
  createdAt: Date;
  updatedAt: Date;
}

/** sha256 is enough for keys of 256 random bits (no dictionary to guess from), and lets a key be found by its hash. */
/**
 * A source's id: the slug of its name ("Kabul Wire" → `kabul-wire`). A name with no letter or digit
 * (`"=*"`) still names a source: its id is then made from a digest of the name, never refused.
 */
export function sourceIdOf(name: string): string {
  return slugify(name, 100) || `source-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A new key: the secret to show once and what is stored of it. */
export function newKey(now: Date): { secret: string; key: SourceKey } {
  const id = randomUUID();
  const secret = `bsk_${randomBytes(32).toString('base64url')}`;
  return { secret, key: { id, hash: hashKey(secret), createdAt: now } };
}

export const emptyPoll = (): PollState => ({
  failures: 0,
  items: { accepted: 0, duplicate: 0, updated: 0, rejected: 0 },
});

/** When to poll next: the interval after a success, doubling per consecutive failure up to an hour. */
export function nextPollAfter(now: Date, intervalSeconds: number, failures: number): Date {
  const backoff = failures === 0 ? intervalSeconds : Math.min(3600, intervalSeconds * 2 ** Math.min(failures, 10));
  return new Date(now.getTime() + backoff * 1000);
}

/** What one fetch of a feed came to. */
export type PollOutcome =
  | { kind: 'changed'; status: number; etag?: string; lastModified?: string; counts: PollState['items'] }
  | { kind: 'unchanged' }
  | { kind: 'failed'; status?: number; error: string };

/** The poll state after a fetch: counts added, validators kept for the next conditional GET, backoff on failure. */
export function afterPoll(poll: PollState, outcome: PollOutcome, now: Date, intervalSeconds: number): PollState {
  if (outcome.kind === 'failed') {
    const failures = poll.failures + 1;
    return {
      ...poll,
      lastPolledAt: now,
      lastStatus: outcome.status,
      lastError: outcome.error,
      failures,
      nextPollAt: nextPollAfter(now, intervalSeconds, failures),
    };
  }
  const base = {
    ...poll,
    lastPolledAt: now,
    lastError: undefined,
    failures: 0,
    nextPollAt: nextPollAfter(now, intervalSeconds, 0),
  };
  if (outcome.kind === 'unchanged') return { ...base, lastStatus: 304 };
  const items = { ...poll.items };
  for (const k of Object.keys(items) as Array<keyof PollState['items']>) items[k] += outcome.counts[k];
  return {
    ...base,
    lastStatus: outcome.status,
    etag: outcome.etag ?? poll.etag,
    lastModified: outcome.lastModified ?? poll.lastModified,
    items,
  };
}
