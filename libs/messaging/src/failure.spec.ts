import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { backoffDelay, classifyFailure } from './failure';

const named = (name: string, props: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(name), { name, ...props });

describe('classifyFailure', () => {
  it('dead-letters at once what the message itself gets wrong', () => {
    expect(classifyFailure(new DomainError(ErrorCodes.ValidationFailed, 'invalid event envelope'))).toBe('permanent');
    expect(classifyFailure(new DomainError(ErrorCodes.Conflict, 'stale'))).toBe('permanent');
  });

  it('waits out a dependency that is down, however the driver says so', () => {
    expect(classifyFailure(new DomainError(ErrorCodes.Unavailable, 'meili task failed', [], true))).toBe('transient');
    expect(
      classifyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7700'), { code: 'ECONNREFUSED' })),
    ).toBe('transient');
    // fetch() wraps the socket error; the Meilisearch client wraps fetch's.
    const socket = Object.assign(new Error('other side closed'), { code: 'ECONNRESET' });
    const fetchFailed = new TypeError('fetch failed', { cause: socket });
    expect(classifyFailure(named('MeilisearchRequestError', { cause: fetchFailed }))).toBe('transient');
    expect(classifyFailure(fetchFailed)).toBe('transient');
    expect(classifyFailure(named('MongoServerSelectionError'))).toBe('transient');
    expect(classifyFailure(named('MongoNetworkTimeoutError'))).toBe('transient');
    expect(classifyFailure(named('MongoServerError', { errorLabels: ['RetryableWriteError'] }))).toBe('transient');
    expect(classifyFailure(named('MeilisearchRequestTimeOutError'))).toBe('transient');
    expect(classifyFailure(named('KafkaJSConnectionError'))).toBe('transient');
    expect(classifyFailure(named('KafkaJSProtocolError', { retriable: true }))).toBe('transient');
  });

  it('treats a 5xx or a refused key from Meilisearch as transient and another 4xx as not', () => {
    expect(classifyFailure(named('MeilisearchApiError', { response: { status: 503 } }))).toBe('transient');
    expect(classifyFailure(named('MeilisearchApiError', { response: { status: 400 } }))).toBe('unknown');
    expect(classifyFailure(named('MeilisearchApiError', { response: { status: 401 } }))).toBe('transient');
    expect(classifyFailure(named('MeilisearchApiError', { response: { status: 403 } }))).toBe('transient');
  });

  it('gives a handler bug bounded retries', () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('unknown');
    expect(classifyFailure(new Error('boom'))).toBe('unknown');
    expect(classifyFailure('a string was thrown')).toBe('unknown');
    expect(classifyFailure(named('MongoServerError', { code: 11000 }))).toBe('unknown');
    expect(classifyFailure(named('KafkaJSProtocolError', { retriable: false }))).toBe('unknown');
  });

  it('survives an error whose cause points back at itself', () => {
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(classifyFailure(loop)).toBe('unknown');
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 7, 30].map((n) => backoffDelay(n, 200, 10_000))).toEqual([
      200, 400, 800, 1_600, 10_000, 10_000,
    ]);
  });
});
