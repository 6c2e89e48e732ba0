import { DomainError } from './errors';
import { decodePageKey, encodePageKey } from './validation';

describe('page cursors', () => {
  it('round-trips a page key', () => {
    const key = { at: new Date('2026-11-28T08:00:00.000Z'), id: 'a1' };
    expect(decodePageKey(encodePageKey(key))).toEqual(key);
  });

  it('refuses a cursor it did not issue, naming the cursor parameter', () => {
    for (const bad of ['not-base64-json', Buffer.from('{"at":"yesterday","id":"x"}').toString('base64url')]) {
      let caught: unknown;
      try {
        decodePageKey(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).details).toEqual([{ path: 'cursor', message: 'not a cursor this API issued' }]);
    }
  });
});
