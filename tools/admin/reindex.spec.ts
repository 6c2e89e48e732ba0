import { progressLine } from './reindex';

describe('admin reindex progress bar', () => {
  const base = { id: 'r', eventsPerSecond: 2400, error: null, documentsIndexed: 4990 };

  it('fills with the share of the log read, and shows rate, lag and the expected end', () => {
    const line = progressLine(
      { ...base, state: 'replaying', eventsRead: 5000, lag: 5000, expectedEndAt: '2026-11-30T05:52:10.000Z' },
      10,
    );
    expect(line).toBe(
      '[#####·····]  50%  5,000/10,000 events  4,990 indexed  2,400/s  lag 5,000  ETA 05:52:10  replaying',
    );
  });

  it('is full once the new index is swapped in', () => {
    expect(progressLine({ ...base, state: 'done', eventsRead: 10, lag: 0, expectedEndAt: null }, 4)).toMatch(
      /^\[####\] 100%/,
    );
  });
});
