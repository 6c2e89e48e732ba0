import { EventTypes } from '@broadsheet/contracts';
import { articleIndexName, createMeili } from '@broadsheet/search';
import { freePorts, waitFor } from '@broadsheet/testing';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { DeliveryStack } from './delivery-stack';

const word = (): string => `w${randomBytes(4).toString('hex')}`;
const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString();

/** A Meilisearch that can go away: forwards to the real one until told to drop every connection. */
async function switchableMeili(
  target: string,
): Promise<{ url: string; down: (d: boolean) => void; searches: () => number; close: () => Promise<void> }> {
  let isDown = false;
  let searches = 0;
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    if (isDown) return req.socket.destroy();
    if (req.method === 'POST' && req.url?.endsWith('/search')) searches++;
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    down: (d) => (isDown = d),
    searches: () => searches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The reader pages as HTML: what a crawler, a screen reader and a hostile story body meet. */
describe('delivery reader pages', () => {
  let stack: DeliveryStack;
  let meili: Awaited<ReturnType<typeof switchableMeili>>;

  beforeAll(async () => {
    meili = await switchableMeili(process.env.MEILI_URL!);
    stack = await DeliveryStack.start(
      'deliverypages',
      {
        MEILI_URL: meili.url,
        AD_SLOTS: JSON.stringify({ front: [{ id: 'top-banner', width: 970, height: 250 }], article: [] }),
      },
      true,
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await meili?.close();
  });

  const page = async (path: string, status = 200) => {
    const res = await stack.fetch(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    return { res, html: await res.text() };
  };

  it('renders a story with its byline, cleaned body, canonical, OpenGraph and safe JSON-LD, under a strict CSP', async () => {
    const hostile = 'Officials say </script><script>alert(1)</script> & more';
    const sibling = await stack.published({
      category: 'health',
      categoryLabel: 'Health',
      headline: `Clinic opens ${word()}`,
    });
    const a = await stack.published({
      category: 'health',
      categoryLabel: 'Health',
      headline: hostile,
      bylines: ['Mariam Ahmadi'],
      tags: ['clinics'],
      // The content log promises a clean body; the page cleans it again whatever arrives.
      body: '<p onclick="steal()">Doctors arrived.</p><script>alert(2)</script><img src="x" onerror="alert(3)"><iframe src="https://evil.example"></iframe>',
    });
    const { res, html } = await page(`/articles/${a.slug}`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/onclick|onerror|<iframe|alert\(2\)/);
    expect(html).toContain('<p>Doctors arrived.</p>');
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!) as Record<
      string,
      unknown
    >;
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: hostile,
      author: [{ '@type': 'Person', name: 'Mariam Ahmadi' }],
    });
    expect(html).toContain(`<link rel="canonical" href="${stack.url}/articles/${a.slug}">`);
    expect(html).toContain(
      '<meta property="og:title" content="Officials say &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more">',
    );
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toMatch(/By <span class="byline">Mariam Ahmadi<\/span>/);
    expect(html).toContain(`<a href="/articles/${sibling.slug}">`); // related stories
    expect(html).toContain('<a href="/tag/clinics">clinics</a>');
  });

  it('answers real 404 and 410 pages', async () => {
    const missing = await page(`/articles/${word()}`, 404);
    expect(missing.html).toContain('<h1>Page not found</h1>');
    expect(missing.html).toContain('<meta name="robots" content="noindex">');
    const a = await stack.published();
    await stack.send(EventTypes.ArticleKilled, { ...a, status: 'killed' });
    await stack.until(`/articles/${a.slug}`, (r) => r.status === 410);
    const gone = await page(`/articles/${a.slug}`, 410);
    expect(gone.html).toContain('This story is no longer available');
    expect(gone.html).not.toContain(a.headline);
    await page(`/category/${word()}`, 404);
    await page(`/tag/${word()}`, 404);
    // An address no route knows: the reader's page for a reader, the JSON error shape for the API and other methods.
    const unknown = await page(`/${word()}/${word()}`, 404);
    expect(unknown.html).toContain('<h1>Page not found</h1>');
    expect(unknown.res.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const [path, method] of [
      [`/v1/${word()}`, 'GET'],
      [`/${word()}`, 'POST'],
    ] as const) {
      const res = await stack.fetch(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('pages a tag and a category from newest to oldest with an "Older stories" link', async () => {
    const tag = word();
    const stories = [];
    for (let i = 0; i < 22; i++)
      stories.push(
        await stack.publish({
          category: 'sport',
          categoryLabel: 'Sport',
          tags: [tag],
          headline: `Match ${i} ${tag}`,
          publishedAt: minutesAgo(100 - i),
        }),
      );
    // Stories land on different partitions: the last one served does not mean all 22 are.
    await stack.until(
      `/v1/articles?tag=${tag}&limit=50`,
      async (r) => ((await r.json()) as { items: unknown[] }).items.length === stories.length,
    );
    const first = await page(`/tag/${tag}`);
    expect(first.html.match(/<article class="card">/g)).toHaveLength(20);
    expect(first.html.indexOf(`Match 21 ${tag}`)).toBeLessThan(first.html.indexOf(`Match 2 ${tag}`));
    const older = /<a href="([^"]+)">Older stories<\/a>/.exec(first.html)![1]!.replace(/&amp;/g, '&');
    const second = await page(older);
    expect(second.html).toContain(`Match 1 ${tag}`);
    expect(second.html).toContain(`Match 0 ${tag}`);
    expect(second.html).not.toContain(`Match 2 ${tag}`);
    const category = await page('/category/sport');
    expect(category.html).toContain('<h1>Sport</h1>');
    expect(category.html).toContain('href="/feeds/category/sport.rss"');
  });

  it('reserves the configured ad slots in the stylesheet and labels them on the front page', async () => {
    const { html } = await page('/');
    expect(html).toContain('<aside class="ad ad-front-top-banner" aria-label="Advertisement: top-banner">');
    expect(html).toContain('<p class="ad-label">Advertisement</p>');
    const css = await (await stack.fetch('/assets/site.css')).text();
    expect(css).toContain('.ad-front-top-banner{width:970px}.ad-front-top-banner .ad-box{aspect-ratio:970/250}');
    expect(html).toContain('Connect with us');
    expect(html).toMatch(/Copyright © \d{4}/);
  });

  it('searches with facets, paging and a friendly empty state; refuses options it does not offer', async () => {
    const topic = word();
    for (let i = 0; i < 12; i++)
      await stack.publish({
        category: i % 3 ? 'world' : 'science',
        categoryLabel: i % 3 ? 'World' : 'Science',
        headline: `Glacier ${topic} report ${i}`,
        tags: ['ice'],
      });
    await waitFor(
      async () => {
        const r = (await (await stack.fetch(`/v1/search?q=${topic}`)).json()) as { totalHits: number };
        return r.totalHits === 12 ? true : undefined;
      },
      'the twelve stories in search',
      60_000,
    );
    const { html } = await page(`/search?q=${topic}`);
    expect(html).toContain('12 stories found');
    expect(html).toContain(`<mark>${topic}</mark>`);
    expect(html).toMatch(/<a href="\/search\?q=[^"]+&amp;category=science">Science \(4\)<\/a>/);
    expect(html).toMatch(/<a href="\/search\?q=[^"]+&amp;page=2">Page 2<\/a>/);
    const filtered = await page(`/search?q=${topic}&category=science`);
    expect(filtered.html).toContain('4 stories found');
    const empty = await page(`/search?q=${word()}${word()}`);
    expect(empty.html).toContain('No stories match');
    await page('/search?q=x&page=0', 400);
    // Date inputs: a blank field is no bound, a day covers the whole day (UTC), links keep the range.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await page(`/search?q=${topic}&from=&to=`)).html).toContain('12 stories found');
    const ranged = await page(`/search?q=${topic}&from=${today}&to=${today}`);
    expect(ranged.html).toContain('12 stories found');
    expect(ranged.html).toContain(`name="from" type="date" value="${today}"`);
    expect(ranged.html).toMatch(new RegExp(`href="/search\\?q=[^"]+&amp;from=${today}&amp;to=${today}&amp;page=2"`));
    expect((await page(`/search?q=${topic}&from=${tomorrow}`)).html).toContain('No stories match');
    await page(`/search?q=${topic}&from=2026-02-31`, 400);
    const script = await page(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(script.html).not.toContain('<script>alert(1)');
  });

  it('answers 503 with Retry-After on the search page while Meilisearch is away, and every other page keeps working', async () => {
    const a = await stack.published();
    meili.down(true);
    try {
      const res = await stack.fetch('/search?q=budget');
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.text()).toContain('Search is unavailable for a moment');
      for (const path of ['/', `/articles/${a.slug}`, '/v1/articles', '/feeds/latest.rss', '/sitemap.xml']) {
        expect((await stack.fetch(path)).status).toBe(200);
      }
    } finally {
      meili.down(false);
    }
    expect((await stack.fetch('/search?q=budget')).status).toBe(200);
  });

  it('shares one Meilisearch query among repeated searches, yet shows an update or a kill within a second of Meilisearch', async () => {
    const topic = word();
    const a = await stack.published({ headline: `Harbour ${topic} before`, summary: undefined });
    const hits = async (path: string) =>
      ((await (await stack.fetch(path)).json()) as { hits: Array<{ id: string; headline: string }> }).hits;
    await waitFor(
      async () => ((await hits(`/v1/search?q=${topic}`)).length === 1 ? true : undefined),
      'in search',
      60_000,
    );
    // Repeated searches within the cache's second cost Meilisearch one query (two if the second turned over).
    // The same search however it is spelt: defaults given or not, spaces around the words.
    const asked = meili.searches();
    for (const q of [topic, `${topic}&page=1`, `${topic}&sort=relevance&limit=10`, `%20${topic}%20`, topic])
      expect((await hits(`/v1/search?q=${q}`))[0]?.headline).toBe(`Harbour ${topic} before`);
    expect(meili.searches() - asked).toBeLessThanOrEqual(2);
    const index = createMeili(process.env.MEILI_URL!, stack.secrets.meiliSearchKey).index(
      articleIndexName(stack.ctx.prefix),
    );
    const inMeili = async () => (await index.search(topic, { filter: ['visible = true'] })).hits;
    // Once Meilisearch shows a change, a search asked a second later shows it too: no entry outlives its second.
    const seenAfter = async (change: string, done: (h: Awaited<ReturnType<typeof inMeili>>) => boolean) => {
      await waitFor(async () => (done(await inMeili()) ? true : undefined), `${change} in Meilisearch`, 60_000, 50);
      await new Promise((r) => setTimeout(r, 1_000));
    };
    await stack.send(EventTypes.ArticleUpdated, { ...a, headline: `Harbour ${topic} after` });
    await seenAfter('the update', (h) => h[0]?.headline === `Harbour ${topic} after`);
    expect((await hits(`/v1/search?q=${topic}`)).map((h) => h.headline)).toEqual([`Harbour ${topic} after`]);
    expect((await page(`/search?q=${topic}`)).html).not.toMatch(new RegExp(`${topic}(</mark>)? before`));
    await stack.send(EventTypes.ArticleKilled, { ...a, status: 'killed' });
    await seenAfter('the kill', (h) => h.length === 0);
    expect(await hits(`/v1/search?q=${topic}`)).toEqual([]);
    expect((await page(`/search?q=${topic}`)).html).toContain('No stories match');
  });
});
