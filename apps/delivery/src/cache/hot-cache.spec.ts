import { HotCache } from './hot-cache';

const cache = (ttl = 1_000) => new HotCache({ CACHE_TTL_MS: ttl, CACHE_MAX_ENTRIES: 100 });

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
});
