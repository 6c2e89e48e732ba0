/** Broker error types that say the message itself is refused: sending it again can never succeed. */
const refusedForGood = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/**
 * The broker's reason when it refused a send for good, or undefined for anything worth retrying
 * (an outage, a timeout). kafkajs wraps the broker's protocol error (`type`) in retry errors
 * (`cause`, `originalError`, an aggregate's `errors`), so the chain is followed.
 */
export function refusalReason(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { type, cause, originalError, errors } = error as Record<string, unknown>;
  if (typeof type === 'string' && refusedForGood.has(type)) return type;
  const inner = [cause, originalError, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  for (const e of inner) {
    const reason = refusalReason(e, depth + 1);
    if (reason) return reason;
  }
  return undefined;
}
