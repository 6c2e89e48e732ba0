import { anIngestedEvent } from '@broadsheet/testing';
import { toOutboxEntry } from './outbox';

describe('toOutboxEntry', () => {
  it('gives every event a W3C traceparent of its own, also past a refill of the random pool', () => {
    const traces = Array.from(
      { length: 300 },
      () => toOutboxEntry(anIngestedEvent('Budget passes')).headers.traceparent!,
    );
    for (const trace of traces) expect(trace).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(new Set(traces.map((t) => t.slice(3, 35))).size).toBe(traces.length);
    expect(new Set(traces.map((t) => t.slice(36, 52))).size).toBe(traces.length);
  });
});
