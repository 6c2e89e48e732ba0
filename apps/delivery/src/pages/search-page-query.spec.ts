import { dayOf, searchPageQuerySchema } from './search-page-query';

describe('search page date bounds', () => {
  it('reads a day as the whole day in UTC, and a blank field as no bound', () => {
    const q = searchPageQuerySchema.parse({ q: 'x', from: '2026-11-30', to: '2026-11-30' });
    expect(q.from?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(q.to?.toISOString()).toBe('2026-11-30T23:59:59.999Z');
    expect(searchPageQuerySchema.parse({ q: 'x', from: '', to: '' })).toMatchObject({ from: undefined, to: undefined });
    expect(searchPageQuerySchema.parse({ from: '2026-11-30T12:00:00+02:00' }).from?.toISOString()).toBe(
      '2026-11-30T10:00:00.000Z',
    );
  });

  it('refuses what is no day: an impossible date, another format, an operator', () => {
    for (const from of ['2026-02-31', '2026-13-01', '30/11/2026', '{"$gt":""}', '2026-11-30 OR 1=1'])
      expect(searchPageQuerySchema.safeParse({ from }).success).toBe(false);
    expect(dayOf('2026-11-30T10:00:00Z')).toBeUndefined();
  });
});
