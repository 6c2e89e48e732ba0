import { DomainError, ErrorCodes, MAX_EVENT_BYTES } from '@broadsheet/contracts';
import { assertDeliverable, largestField, serializedBytes } from './event-size';

describe('event size', () => {
  it('weighs value, key and headers in bytes, as Kafka carries them', () => {
    expect(serializedBytes({ key: 'k', value: 'ذذ', headers: { a: 'bc' } })).toBe(1 + 4 + 3);
  });

  it('names the field that weighs most, by its dotted path', () => {
    expect(largestField({ headline: 'short', body: '<p>long long</p>', tags: ['x'] }).path).toBe('body');
    expect(largestField({ version: 3, article: { headline: 'a', body: 'bbbb' } }).path).toBe('article.body');
  });

  it('refuses an event over the limit with a 413 code naming the field, and passes one at the limit', () => {
    const data = { headline: 'h', body: 'x'.repeat(10) };
    expect(() => assertDeliverable(MAX_EVENT_BYTES, 'article.ingested', data)).not.toThrow();
    let thrown: unknown;
    try {
      assertDeliverable(MAX_EVENT_BYTES + 1, 'article.ingested', data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: ErrorCodes.PayloadTooLarge, details: [{ path: 'body' }] });
  });
});
