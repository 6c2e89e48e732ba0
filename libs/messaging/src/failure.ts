import { DomainError } from '@broadsheet/contracts';

/**
 * What a consumer does with a failure:
 * - `permanent`: the message itself is at fault (not a valid event, a non-retryable DomainError,
 *   a document the search engine rejects); retrying cannot help, so it is dead-lettered at once.
 * - `transient`: a dependency is unreachable or slow (network codes, driver "unreachable" errors,
 *   5xx, timeouts, retryable DomainErrors); the partition stalls and retries until it comes back.
 * - `unknown`: anything else, usually a handler bug; bounded retries, then dead-lettered.
 */
export type FailureKind = 'permanent' | 'transient' | 'unknown';

/** Socket and DNS error codes of a dependency that is down, restarting or unreachable. */
const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** Errors that drivers raise when the store, search engine or broker cannot be reached (matched by name). */
const transientNames = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MeilisearchRequestError',
  'MeilisearchRequestTimeOutError',
  'MeilisearchTaskTimeOutError',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'TimeoutError',
  'AbortError',
]);

/** Classifies a handler failure; pure, so the whole policy is unit-tested in failure.spec.ts. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof DomainError) return error.retryable ? 'transient' : 'permanent';
  for (const e of causeChain(error)) {
    if (isTransient(e)) return 'transient';
  }
  // Unknown errors get bounded retries, then the dead-letter topic: a bug must not stall a partition forever.
  return 'unknown';
}

function isTransient(e: object): boolean {
  const { code, name, errorLabels, response, retriable } = e as Record<string, unknown>;
  if (typeof code === 'string' && transientCodes.has(code)) return true;
  if (typeof name === 'string' && transientNames.has(name)) return true;
  // kafkajs marks the errors a retry can fix; the Mongo driver labels them.
  if (typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true) return true;
  if (Array.isArray(errorLabels) && errorLabels.some((l) => l === 'RetryableWriteError' || l === 'ResetPool'))
    return true;
  // An HTTP answer from a dependency that is failing (Meilisearch's MeilisearchApiError carries the Response),
  // or that refuses our key (401/403, a rotation or a misconfiguration): an operator fixes either, and
  // no event should be dead-lettered meanwhile.
  const status = (response as { status?: unknown } | undefined)?.status;
  return (
    name === 'MeilisearchApiError' && typeof status === 'number' && (status >= 500 || status === 401 || status === 403)
  );
}

/** The error and its causes (fetch wraps the socket error in `cause`), guarding against cycles. */
function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !chain.includes(current) && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Doubling backoff from `baseMs`, capped. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), capMs);
}
