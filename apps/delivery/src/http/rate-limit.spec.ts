import { TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
  it('allows the burst, then refuses with the seconds until a token returns', () => {
    const buckets = new TokenBuckets(2, 3);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take('a', t).ok)).toEqual([true, true, true]);
    expect(buckets.take('a', t)).toEqual({ ok: false, retryAfter: 1 });
    // Another client has its own bucket.
    expect(buckets.take('b', t).ok).toBe(true);
    // Half a second refills one token at 2/s.
    expect(buckets.take('a', t + 500).ok).toBe(true);
    expect(buckets.take('a', t + 500).ok).toBe(false);
  });

  it('asks a slow-refilling client to wait longer', () => {
    const buckets = new TokenBuckets(0.25, 1);
    expect(buckets.take('a', 0).ok).toBe(true);
    expect(buckets.take('a', 0)).toEqual({ ok: false, retryAfter: 4 });
  });
});
