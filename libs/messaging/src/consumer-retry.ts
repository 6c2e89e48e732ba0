import { backoffDelay, classifyFailure, FailureKind } from './failure';

/** Thrown to abandon a message without dead-lettering it: the consumer is stopping or lost the partition. */
export class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping: the message stays uncommitted and will be redelivered');
    this.name = 'ConsumerStopping';
  }
}

export interface RetryPolicy {
  /** Attempts an `unknown` failure gets (and a transient one, unless transient failures are waited out). */
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Live consumption waits a dependency out for as long as it takes; a replay gives up like for unknown errors. */
  waitOutTransient: boolean;
  /** Sleeps between attempts; throws ConsumerStopping to abandon. */
  pause(ms: number): Promise<void>;
  /** Throws ConsumerStopping when a failure may be the shutdown itself and must not count. */
  assertRunning(): void;
  onTransient?(error: unknown): Promise<void> | void;
  onRetry?(kind: FailureKind): void;
}

export type Attempted = { ok: true } | { ok: false; error: unknown; kind: FailureKind; attempts: number };

/**
 * Runs `fn` until it succeeds or its failure is due for the dead-letter topic: a permanent failure at
 * once, an unknown one after `unknownAttempts`, a transient one never (or after maxAttempts in a replay).
 */
export async function retrying(
  fn: () => Promise<void>,
  policy: RetryPolicy,
  unknownAttempts = policy.maxAttempts,
): Promise<Attempted> {
  let attempts = 0;
  let unknown = 0;
  for (;;) {
    attempts += 1;
    try {
      await fn();
      return { ok: true };
    } catch (error) {
      policy.assertRunning();
      const kind = classifyFailure(error);
      if (kind === 'unknown') unknown += 1;
      const givesUp =
        kind === 'permanent' ||
        (kind === 'unknown' && unknown >= unknownAttempts) ||
        (kind === 'transient' && !policy.waitOutTransient && attempts >= policy.maxAttempts);
      if (givesUp) return { ok: false, error, kind, attempts };
      if (kind === 'transient') await policy.onTransient?.(error);
      policy.onRetry?.(kind);
      await policy.pause(backoffDelay(attempts, policy.backoffMs, policy.maxBackoffMs));
    }
  }
}
