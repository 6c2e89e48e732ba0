import { EventTypes, PublicArticle } from '@broadsheet/contracts';
import { aPublicArticle, waitFor } from '@broadsheet/testing';
import { randomBytes } from 'node:crypto';
import { DeliveryStack } from './delivery-stack';

interface Page {
  items: Array<{ id: string; slug: string; headline: string }>;
  nextCursor: string | null;
}

const word = (): string => `w${randomBytes(4).toString('hex')}`;
const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString();

/** Delivery's public API against the real stack: redirects, conditional GET, gone, cache, cursors, trending. */
describe('delivery API', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    stack = await DeliveryStack.start('deliveryapi');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 301 from an old slug to the current one, on the API and the page', async () => {
    const a = await stack.published({ slug: `old-${word()}` });
    const renamed = await stack.send(EventTypes.ArticleUpdated, {
      ...a,
      slug: `new-${word()}`,
      previousSlugs: [a.slug],
    });
    await stack.until(`/v1/articles/${renamed.slug}`, (r) => r.status === 200);
    const api = await stack.fetch(`/v1/articles/${a.slug}`);
    expect(api.status).toBe(301);
    expect(api.headers.get('location')).toBe(`/v1/articles/${renamed.slug}`);
    const page = await stack.fetch(`/articles/${a.slug}`);
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe(`/articles/${renamed.slug}`);
  });

  it('answers 304 to a current ETag and 200 with a new one after an update', async () => {
    const a = await stack.published();
    const first = await stack.fetch(`/v1/articles/${a.slug}`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/);
    expect((await stack.fetch(`/v1/articles/${a.slug}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await stack.send(EventTypes.ArticleUpdated, { ...a, headline: 'A changed headline' });
    const after = await stack.until(`/v1/articles/${a.slug}`, (r) => r.headers.get('etag') !== etag);
    expect(((await after.json()) as { headline: string }).headline).toBe('A changed headline');
  });

  it('answers 410 once unpublished or killed, and a killed story leaves every list', async () => {
    const unpublished = await stack.published();
    const killed = await stack.published();
    await stack.send(EventTypes.ArticleUnpublished, { ...unpublished, status: 'unpublished' });
    await stack.send(EventTypes.ArticleKilled, { ...killed, status: 'killed' });
    await stack.until(`/v1/articles/${unpublished.slug}`, (r) => r.status === 410);
    await stack.until(`/v1/articles/${killed.slug}`, (r) => r.status === 410);
    expect((await stack.fetch(`/articles/${killed.slug}`)).status).toBe(410);
    const latest = (await (await stack.fetch('/v1/articles?limit=50')).json()) as Page;
    expect(latest.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([killed.id]));
    expect(latest.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([unpublished.id]));
  });

  it('serves an update and a kill from the hot cache within a second of delivery applying them', async () => {
    const a = await stack.published({ headline: 'Before the update' });
    // Warm every cached view of the story.
    for (const path of [`/v1/articles/${a.slug}`, '/v1/articles?limit=5', `/articles/${a.slug}`, '/']) {
      expect((await stack.fetch(path)).status).toBe(200);
    }
    await stack.send(EventTypes.ArticleUpdated, { ...a, headline: 'After the update' });
    const seen = await stack.until(
      `/v1/articles/${a.slug}`,
      async (r) => ((await r.json()) as { headline: string }).headline === 'After the update',
    );
    const at = Date.now();
    expect(seen.status).toBe(200);
    // Once one read shows the update, no later read (list, page, front page) may show the old text.
    for (const path of ['/v1/articles?limit=5', `/articles/${a.slug}`, '/']) {
      const text = await (await stack.fetch(path)).text();
      expect(text).not.toContain('Before the update');
    }
    expect(Date.now() - at).toBeLessThan(60_000);
    await stack.send(EventTypes.ArticleKilled, { ...a, status: 'killed' });
    await stack.until(`/v1/articles/${a.slug}`, (r) => r.status === 410);
    for (const path of ['/v1/articles?limit=5', '/', '/feeds/latest.rss']) {
      expect(await (await stack.fetch(path)).text()).not.toContain('After the update');
    }
  });

  it('pages by cursor without repeats or gaps while stories keep arriving', async () => {
    const tag = word();
    const first = await Promise.all(
      Array.from({ length: 12 }, (_, i) => stack.publish({ tags: [tag], publishedAt: minutesAgo(100 - i) })),
    );
    await waitFor(async () => {
      const p = (await (await stack.fetch(`/v1/articles?tag=${tag}&limit=50`)).json()) as Page;
      return p.items.length === 12 ? true : undefined;
    }, 'the first twelve');
    const seen: string[] = [];
    let cursor: string | null = null;
    let arriving = 0;
    do {
      const page = (await (
        await stack.fetch(`/v1/articles?tag=${tag}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json()) as Page;
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      // Newer stories arrive between pages: they sort before the cursor, so the walk neither repeats nor skips.
      await Promise.all([stack.publish({ tags: [tag] }), stack.publish({ tags: [tag] })]);
      arriving += 2;
    } while (cursor);
    expect(arriving).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(first.map((a) => a.id).reverse());
  });

  it('filters by category, tag and author', async () => {
    const tag = word();
    const author = `Author ${word()}`;
    const match = await stack.published({ category: 'sport', categoryLabel: 'Sport', tags: [tag], bylines: [author] });
    await stack.published({ category: 'sport', categoryLabel: 'Sport', tags: [tag], bylines: ['Someone Else'] });
    const byAuthor = (await (await stack.fetch(`/v1/articles?author=${encodeURIComponent(author)}`)).json()) as Page;
    expect(byAuthor.items.map((i) => i.id)).toEqual([match.id]);
    const byTag = (await (await stack.fetch(`/v1/articles?tag=${tag}&category=sport`)).json()) as Page;
    expect(byTag.items).toHaveLength(2);
    const none = (await (await stack.fetch(`/v1/articles?tag=${tag}&category=politics`)).json()) as Page;
    expect(none.items).toHaveLength(0);
    expect((await stack.fetch('/v1/articles?author=%20')).status).toBe(400);
  });

  it('never shows a draft, a scheduled or an embargoed story on any reader surface', async () => {
    const secret = word();
    const hidden: PublicArticle[] = [
      aPublicArticle({ status: 'draft', headline: `Draft ${secret}` }),
      aPublicArticle({ status: 'scheduled', headline: `Scheduled ${secret}` }),
      aPublicArticle({ headline: `Embargoed ${secret}`, publishedAt: new Date(Date.now() + 3_600_000).toISOString() }),
    ];
    for (const h of hidden) await stack.send(EventTypes.ArticlePublished, h);
    const marker = await stack.published({ headline: `Marker ${secret}` });
    for (const h of hidden) {
      expect((await stack.fetch(`/v1/articles/${h.slug}`)).status).toBe(404);
      expect((await stack.fetch(`/articles/${h.slug}`)).status).toBe(404);
    }
    for (const path of [
      '/v1/articles?limit=50',
      '/',
      '/feeds/latest.rss',
      '/feeds/latest.json',
      '/news-sitemap.xml',
      '/sitemaps/articles-1.xml',
    ]) {
      const text = await (await stack.fetch(path)).text();
      expect(text).not.toMatch(new RegExp(`(Draft|Scheduled|Embargoed) ${secret}`));
      for (const h of hidden) expect(text).not.toContain(h.slug);
    }
    expect(await (await stack.fetch('/v1/articles?limit=50')).text()).toContain(marker.slug);
  });

  it('shows corrections with their dates in the API reply and on the page', async () => {
    const a = await stack.published({
      corrections: [{ note: 'An earlier version misspelt the minister’s name.', at: '2026-11-29T10:00:00.000Z' }],
    });
    const reply = (await (await stack.fetch(`/v1/articles/${a.slug}`)).json()) as { corrections: unknown };
    expect(reply.corrections).toEqual([
      { note: 'An earlier version misspelt the minister’s name.', at: '2026-11-29T10:00:00.000Z' },
    ]);
    const html = await (await stack.fetch(`/articles/${a.slug}`)).text();
    expect(html).toContain(
      '<time datetime="2026-11-29T10:00:00.000Z">29 November 2026</time>: An earlier version misspelt',
    );
  });

  it('counts one read per view in /v1/trending, most read first, never a story taken down', async () => {
    const [hot, warm, pulled] = await Promise.all([stack.published(), stack.published(), stack.published()]);
    const read = async (slug: string, n: number, page = false) => {
      for (let i = 0; i < n; i++) expect((await stack.fetch(`${page ? '' : '/v1'}/articles/${slug}`)).status).toBe(200);
    };
    await read(hot.slug, 4);
    await read(hot.slug, 3, true);
    await read(warm.slug, 2);
    await read(pulled.slug, 9);
    await stack.send(EventTypes.ArticleUnpublished, { ...pulled, status: 'unpublished' });
    await stack.until(`/v1/articles/${pulled.slug}`, (r) => r.status === 410);
    const trending = await waitFor(async () => {
      const t = (await (await stack.fetch('/v1/trending?limit=50')).json()) as {
        items: Array<{ id: string; views: number }>;
      };
      const counts = new Map(t.items.map((i) => [i.id, i.views]));
      // published() read each once when it saw it served: 1 + 7 and 1 + 2.
      return counts.get(hot.id) === 8 && counts.get(warm.id) === 3 ? t.items : undefined;
    }, 'the counted reads');
    const ids = trending.map((i) => i.id);
    expect(ids).not.toContain(pulled.id);
    expect(ids.indexOf(hot.id)).toBeLessThan(ids.indexOf(warm.id));
    // A 404 or 410 is not a read.
    await stack.fetch(`/v1/articles/${pulled.slug}`);
    expect((await stack.fetch('/v1/trending?limit=0')).status).toBe(400);
  });
});

describe('delivery rate limiting', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    stack = await DeliveryStack.start('deliveryrate', { RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '5' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 with Retry-After and the error shape past the burst, and serves again after the wait', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8; i++) {
      const r = await stack.fetch('/v1/articles');
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses).toContain(429);
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get('cache-control')).toBe('no-store');
    expect(await limited!.json()).toMatchObject({ error: { code: 'RATE_LIMITED', correlationId: expect.any(String) } });
    // Health stays reachable for the orchestrator while the client is limited.
    expect((await stack.fetch('/health/live')).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await stack.fetch('/v1/articles')).status).toBe(200);
  });
});
