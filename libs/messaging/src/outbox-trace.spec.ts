import { EventCatalog, EventTypes, makeEnvelope } from '@broadsheet/contracts';
import { toOutboxEntry } from './outbox';

describe('outbox entry trace ids', () => {
  const type = EventTypes.SubmissionReceived;
  const event = () =>
    makeEnvelope({
      type,
      source: '/test',
      subject: 'wire:a',
      dataschema: EventCatalog[type].dataschema,
      correlationId: 'c-1',
      data: { source: 'wire', submission: { externalId: 'a' } },
    }) as Parameters<typeof toOutboxEntry>[0];

  it('gives every entry a W3C traceparent of its own, across many draws of the random pool', () => {
    // 24 random bytes an entry: 3,000 entries use the 4 KiB pool up and refill it seventeen times.
    const parents = Array.from({ length: 3_000 }, () => toOutboxEntry(event()).headers.traceparent ?? '');
    for (const p of parents) expect(p).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(new Set(parents).size).toBe(parents.length);
    expect(new Set(parents.map((p) => p.slice(3, 35))).size).toBe(parents.length);
    expect(new Set(parents.map((p) => p.slice(36, 52))).size).toBe(parents.length);
  });
});
