import { lagOf, progressOf, reached } from './reindex-progress';

const bounds = new Map([
  [0, { start: 0n, end: 100n }],
  [1, { start: 0n, end: 50n }],
  [2, { start: 0n, end: 0n }],
]);

describe('reindex progress', () => {
  it('counts the lag from each partition start until the follower has read some of it', () => {
    expect(lagOf(bounds, new Map())).toBe(150);
    expect(lagOf(bounds, new Map([[0, 90n]]))).toBe(60);
    expect(
      lagOf(
        bounds,
        new Map([
          [0, 100n],
          [1, 50n],
        ]),
      ),
    ).toBe(0);
  });

  it('is caught up only once every partition with messages is read to the given end', () => {
    const ends = new Map([
      [0, 100n],
      [1, 50n],
      [2, 0n],
    ]);
    expect(reached(ends, new Map([[0, 100n]]))).toBe(false);
    expect(
      reached(
        ends,
        new Map([
          [0, 100n],
          [1, 50n],
        ]),
      ),
    ).toBe(true);
  });

  it('derives the rate and the expected end from what was read so far', () => {
    const startedAt = new Date('2026-11-30T05:00:00Z');
    const now = new Date('2026-11-30T05:00:10Z');
    const p = progressOf(
      {
        id: 'r',
        state: 'replaying',
        index: 'i',
        settingsVersion: 'v',
        startedAt,
        eventsRead: 1000,
        documentsIndexed: 900,
        skipped: 0,
        lag: 500,
      },
      now,
    );
    expect(p).toMatchObject({ eventsPerSecond: 100, expectedEndAt: '2026-11-30T05:00:15.000Z', finishedAt: null });
    const done = progressOf(
      {
        id: 'r',
        state: 'done',
        index: 'i',
        settingsVersion: 'v',
        startedAt,
        finishedAt: now,
        eventsRead: 1000,
        documentsIndexed: 900,
        skipped: 0,
        lag: 0,
      },
      new Date('2026-11-30T06:00:00Z'),
    );
    expect(done).toMatchObject({ eventsPerSecond: 100, expectedEndAt: null, finishedAt: now.toISOString() });
  });
});
