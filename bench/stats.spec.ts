import { percentile, summarize } from './stats';

describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarizes an unsorted sample', () => {
    expect(summarize('x', [30, 10, 20], 'ref')).toMatchObject({ n: 3, p50: 20, max: 30 });
  });
});
