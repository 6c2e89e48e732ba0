import { HotCache } from './hot-cache';

const cache = (ttl = 1_000, maxEntries = 100, maxBytes = 1 << 20) =>
  new HotCache({ CACHE_TTL_MS: ttl, CACHE_MAX_ENTRIES: maxEntries, CACHE_MAX_BYTES: maxBytes });
const kb = (n: number) => Promise.resolve(Buffer.alloc(n * 1024));

describe('HotCache', () => {
  it('shares one load between concurrent misses and serves it until invalidated', async () => {
    const c = cache();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await Promise.all([c.get('k', load), c.get('k', load)])).toEqual([1, 1]);
    expect(await c.get('k', load)).toBe(1);
    c.invalidate();
    expect(await c.get('k', load)).toBe(2);
  });

  it('drops a load that an invalidation overtook, so it is never served after the change', async () => {
    const c = cache();
    let release!: (v: string) => void;
    const slow = c.get('k', () => new Promise<string>((r) => (release = r)));
    c.invalidate();
    release('old');
    expect(await slow).toBe('old');
    expect(await c.get('k', () => Promise.resolve('new'))).toBe('new');
  });

  it('keeps no failed load and nothing past its time to live', async () => {
    const c = cache(20);
    await expect(c.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await c.get('k', () => Promise.resolve('up'))).toBe('up');
    await new Promise((r) => setTimeout(r, 40));
    expect(await c.get('k', () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('holds no more than its byte budget, letting the oldest entries go first', async () => {
    const c = cache(1_000, 100, 100 * 1024);
    for (let i = 0; i < 12; i++) await c.get(`k${i}`, () => kb(10));
    expect(c.bytes).toBeLessThanOrEqual(100 * 1024);
    expect(c.size).toBeLessThan(12);
    expect(c.peek('k0')).toBeUndefined();
    expect(c.peek<Buffer>('k11')?.length).toBe(10 * 1024);
    c.invalidate();
    expect(c.bytes).toBe(0);
  });

  it('holds no more than its entry count, and forgets a value evicted while it loaded', async () => {
    const c = cache(1_000, 3);
    let release!: (v: Buffer) => void;
    const slow = c.get('slow', () => new Promise<Buffer>((r) => (release = r)));
    for (let i = 0; i < 5; i++) await c.get(`k${i}`, () => kb(1));
    expect(c.size).toBe(3);
    release(Buffer.alloc(4096));
    await slow;
    expect(c.peek('slow')).toBeUndefined();
    expect(c.bytes).toBeLessThanOrEqual(3 * (1024 + 64));
  });
});
