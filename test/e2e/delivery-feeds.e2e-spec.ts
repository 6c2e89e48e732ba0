import { EventTypes, PublicArticle } from '@broadsheet/contracts';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { randomBytes } from 'node:crypto';
import { DeliveryStack } from './delivery-stack';
import { schemas, validateXml } from './delivery-xml';

const word = (): string => `w${randomBytes(4).toString('hex')}`;
const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();
const seconds = (iso: string | undefined): number => Math.floor(Date.parse(iso ?? '') / 1000);

/** Feeds checked field by field by feedsmith; sitemaps validated by xmllint against the published schemas. */
describe('delivery feeds and sitemaps', () => {
  let stack: DeliveryStack;
  let politics: PublicArticle[];
  let business: PublicArticle;
  let old: PublicArticle;

  beforeAll(async () => {
    // Two URLs a sitemap page, so the index really pages.
    stack = await DeliveryStack.start('deliveryfeeds', { SITEMAP_PAGE_SIZE: '2', SITE_NAME: 'The Kabul Ledger' });
    politics = [];
    for (const [i, h] of [5, 4, 3].entries())
      politics.push(
        await stack.published({
          category: 'politics',
          categoryLabel: 'Politics',
          headline: `Council votes ${i} on Tom & Jerry's <budget>`,
          summary: `Standfirst ${i} & more`,
          body: `<p>Body ${i} with <a href="https://example.org/x">a link</a> &amp; an ampersand.</p><script>alert(1)</script>`,
          bylines: ['Mariam Ahmadi', 'Jon Doe'],
          tags: ['budget'],
          publishedAt: hoursAgo(h),
          updatedAt: hoursAgo(h),
        }),
      );
    business = await stack.published({ category: 'business', categoryLabel: 'Business', publishedAt: hoursAgo(2) });
    old = await stack.published({ category: 'business', categoryLabel: 'Business', publishedAt: hoursAgo(72) });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const get = async (path: string) => {
    const res = await stack.fetch(path);
    expect(res.status).toBe(200);
    return { res, text: await res.text() };
  };

  it('serves RSS 2.0 that feedsmith reads back field by field, with full cleaned content', async () => {
    const { res, text } = await get('/feeds/latest.rss');
    expect(res.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    const feed = parseRssFeed(text);
    expect(feed.title).toBe('The Kabul Ledger — Latest news');
    expect(feed.link).toBe(`${stack.url}/`);
    expect(feed.atom?.links?.[0]).toMatchObject({ href: `${stack.url}/feeds/latest.rss`, rel: 'self' });
    const newest = politics[2]!;
    const item = feed.items!.find((i) => i.guid?.value === `urn:broadsheet:article:${newest.id}`)!;
    expect(item).toMatchObject({
      title: newest.headline,
      link: `${stack.url}/articles/${newest.slug}`,
      guid: { isPermaLink: false },
      description: newest.summary,
      categories: [{ name: 'Politics' }],
      dc: { creators: ['Mariam Ahmadi', 'Jon Doe'] },
    });
    expect(seconds(item.pubDate)).toBe(seconds(newest.publishedAt));
    expect(item.content?.encoded).toBe(
      '<p>Body 2 with <a href="https://example.org/x" rel="noopener nofollow">a link</a> &amp; an ampersand.</p>',
    );
    // Newest first, and every published story but none other.
    const ids = feed.items!.map((i) => i.guid?.value);
    expect(ids.indexOf(`urn:broadsheet:article:${business.id}`)).toBeLessThan(
      ids.indexOf(`urn:broadsheet:article:${newest.id}`),
    );
  });

  it('serves Atom 1.0 and JSON Feed 1.1 with the same stories and fields', async () => {
    const atom = parseAtomFeed((await get('/feeds/latest.atom')).text);
    const json = parseJsonFeed(JSON.parse((await get('/feeds/latest.json')).text) as unknown);
    const a = politics[0]!;
    const entry = atom.entries!.find((e) => e.id === `urn:broadsheet:article:${a.id}`)!;
    expect(entry).toMatchObject({
      title: { value: a.headline },
      summary: { value: a.summary },
      content: { type: 'html' },
      authors: [{ name: 'Mariam Ahmadi' }, { name: 'Jon Doe' }],
      categories: [{ term: 'Politics' }],
    });
    expect(entry.links![0]).toMatchObject({ href: `${stack.url}/articles/${a.slug}`, rel: 'alternate' });
    expect(seconds(entry.published)).toBe(seconds(a.publishedAt));
    expect(entry.content?.value).toContain('Body 0 with <a href="https://example.org/x"');
    expect(entry.content?.value).not.toContain('<script');
    expect(json.title).toBe('The Kabul Ledger — Latest news');
    expect(json.feed_url).toBe(`${stack.url}/feeds/latest.json`);
    const jitem = json.items!.find((i) => i.id === `urn:broadsheet:article:${a.id}`)!;
    expect(jitem).toMatchObject({
      url: `${stack.url}/articles/${a.slug}`,
      title: a.headline,
      summary: a.summary,
      authors: [{ name: 'Mariam Ahmadi' }, { name: 'Jon Doe' }],
    });
    expect(jitem.content_html).toContain('Body 0 with');
    expect(seconds(jitem.date_published)).toBe(seconds(a.publishedAt));
  });

  it('serves a feed per category, and 404 for a category without stories', async () => {
    for (const ext of ['rss', 'atom', 'json'])
      expect((await stack.fetch(`/feeds/category/politics.${ext}`)).status).toBe(200);
    const feed = parseRssFeed((await get('/feeds/category/politics.rss')).text);
    expect(feed.items!.map((i) => i.guid?.value).sort()).toEqual(
      politics.map((p) => `urn:broadsheet:article:${p.id}`).sort(),
    );
    expect((await stack.fetch(`/feeds/category/${word()}.rss`)).status).toBe(404);
    expect((await stack.fetch('/feeds/category/politics.exe')).status).toBe(404);
  });

  it('keeps GUIDs when a story is renamed, and answers conditional GETs with 304 until something changes', async () => {
    const first = await stack.fetch('/feeds/latest.atom');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(first.headers.get('cache-control')).toMatch(/stale-while-revalidate/);
    expect((await stack.fetch('/feeds/latest.atom', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await stack.fetch('/feeds/latest.atom', { headers: { 'if-modified-since': lastModified } })).status).toBe(
      304,
    );
    const a = politics[1]!;
    const renamed = { ...a, slug: `renamed-${word()}`, previousSlugs: [a.slug], updatedAt: new Date().toISOString() };
    await stack.send(EventTypes.ArticleUpdated, renamed);
    const changed = await stack.until('/feeds/latest.atom', (r) => r.headers.get('etag') !== etag);
    const entry = parseAtomFeed(await changed.text()).entries!.find((e) => e.id === `urn:broadsheet:article:${a.id}`)!;
    expect(entry.links![0]!.href).toBe(`${stack.url}/articles/${renamed.slug}`);
    politics[1] = renamed;
  });

  it('serves a sitemap index whose pages hold every published story once, all valid against the sitemaps.org schemas', async () => {
    const index = (await get('/sitemap.xml')).text;
    expect(await validateXml(index, schemas.siteindex)).toEqual({ ok: true, output: expect.any(String) });
    const pages = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(pages[0]).toBe(`${stack.url}/sitemaps/pages.xml`);
    const locs: string[] = [];
    for (const page of pages) {
      const xml = (await get(page.slice(stack.url.length))).text;
      const verdict = await validateXml(xml, schemas.sitemap);
      expect(verdict.output).toMatch(/validates/);
      expect(verdict.ok).toBe(true);
      locs.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    }
    expect(pages.length).toBeGreaterThanOrEqual(4); // pages.xml and three article pages of two
    for (const a of [...politics, business, old])
      expect(locs.filter((l) => l === `${stack.url}/articles/${a.slug}`)).toHaveLength(1);
    expect(locs).toContain(`${stack.url}/category/politics`);
    expect((await stack.fetch('/sitemaps/articles-99.xml')).status).toBe(404);
  });

  it('serves a Google News sitemap of the last 48 hours, valid against both published schemas', async () => {
    const xml = (await get('/news-sitemap.xml')).text;
    const verdict = await validateXml(xml, schemas.news);
    expect(verdict.output).toMatch(/validates/);
    expect(verdict.ok).toBe(true);
    expect(xml).toContain(`${stack.url}/articles/${business.slug}`);
    expect(xml).not.toContain(old.slug);
    expect(xml).toContain('<news:name>The Kabul Ledger</news:name>');
    // The validator really checks: a news entry without its title is refused.
    const broken = await validateXml(xml.replace(/<news:title>[^<]*<\/news:title>/, ''), schemas.news);
    expect(broken.ok).toBe(false);
  });

  it('names both sitemaps in robots.txt', async () => {
    const { res, text } = await get('/robots.txt');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toContain(`Sitemap: ${stack.url}/sitemap.xml`);
    expect(text).toContain(`Sitemap: ${stack.url}/news-sitemap.xml`);
  });
});
