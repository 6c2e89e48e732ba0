import { z } from 'zod';
import { DomainError } from './errors';
import { decodePageKey, encodePageKey, pageCursorParam, parseInput } from './validation';

describe('page cursors', () => {
  const query = z.object({ cursor: pageCursorParam });

  it('round-trips a page key', () => {
    const key = { at: new Date('2026-11-28T08:00:00.000Z'), id: 'a1' };
    expect(decodePageKey(parseInput(query, { cursor: encodePageKey(key) }).cursor)).toEqual(key);
  });

  it('refuses a cursor it did not issue, naming the cursor parameter', () => {
    for (const bad of ['not-a-cursor', '12~', '~x', '1234567890123456~x']) {
      let caught: unknown;
      try {
        parseInput(query, { cursor: bad }, 'query');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).details).toEqual([{ path: 'cursor', message: 'not a cursor this API issued' }]);
    }
  });

  it('decodes every value its documented format allows into a usable key', () => {
    for (const cursor of ['0~a', '999999999999999~x~y', '1~\n', `12~${'z'.repeat(200)}`]) {
      const key = decodePageKey(parseInput(query, { cursor }).cursor);
      expect(Number.isNaN(key.at.getTime())).toBe(false);
      expect(key.id.length).toBeGreaterThan(0);
    }
  });
});
