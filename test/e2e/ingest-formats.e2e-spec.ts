import { Topics } from '@broadsheet/contracts';
import {
  PlatformSecrets,
  ServiceProcess,
  startPlatform,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { ingestFixture, platformClient, postAs, registerSource } from './ingest-client';

type ErrorBody = { error: { code: string; details: Array<{ path: string; message: string }> } };

interface DeskArticle {
  id: string;
  slug: string;
  articleKey: string;
  headline: string;
  summary?: string;
  body: string;
  bylines: string[];
  category: string;
  categoryLabel: string;
  tags: string[];
  language: string;
  images: Array<{ url: string; caption?: string; alt?: string; credit?: string }>;
}

/** Every wire format, from its fixture, through ingest to a draft on the editorial desk. */
describe('ingest formats to drafts', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;

  beforeAll(async () => {
    ctx = testContext('ingest-formats');
    ({ secrets, svc } = await startPlatform(ctx, ['ingest', 'editorial', 'delivery']));
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const client = () => platformClient(svc, secrets);
  const post = (type: string, body: string) =>
    postAs(svc.ingest!.url, secrets.sourceApiKey, '/v1/submissions', type, body);
  const drafts = async (keys: string[]): Promise<Map<string, DeskArticle>> => {
    const found = await client().drafts(keys);
    const full = new Map<string, DeskArticle>();
    for (const [key, d] of found)
      full.set(key, (await (await client().editorial(`/v1/articles/${d.id}`)).json()) as DeskArticle);
    return full;
  };

  it('takes ninjs 1.x, 2.x and 3.x to drafts with their images, captions and IPTC categories', async () => {
    const answers = await Promise.all(
      ['ninjs-1.json', 'ninjs-2.json', 'ninjs-3.json'].map((f) => post('application/ninjs+json', ingestFixture(f))),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const keys = answers.map((a) => a.body.articleKey as string);
    const desk = await drafts(keys);
    const [v1, v2, v3] = keys.map((k) => desk.get(k)!) as [DeskArticle, DeskArticle, DeskArticle];
    expect(v1).toMatchObject({
      headline: 'Parliament passes the 1405 budget after an all-night session',
      category: 'politics',
      bylines: ['Mariam Ahmadi'],
      tags: ['parliament', 'budget-1405', 'budget', 'kabul'],
      images: [
        {
          url: 'https://kabulwire.example/img/parliament-1200.jpg',
          caption: expect.stringContaining('vote on the budget'),
        },
      ],
    });
    expect(v1.body).not.toMatch(/onclick|steal/);
    expect(v2).toMatchObject({
      category: 'weather',
      summary: 'Hundreds of vehicles stranded on both sides of the Hindu Kush.',
    });
    expect(v2.body).toContain('<h2>Convoys wait</h2>');
    expect(v3).toMatchObject({ headline: 'په کندهار کې نوی روغتون پرانیستل شو', language: 'ps', category: 'health' });
  });

  it('takes a NewsML-G2 item with its dateline and subjects, and an XHTML one inside a newsMessage', async () => {
    const nitf = await post('application/vnd.iptc.g2.newsitem+xml', ingestFixture('newsml-g2.xml'));
    const xhtml = await post('application/vnd.iptc.g2.newsitem+xml', ingestFixture('newsml-g2-xhtml.xml'));
    expect([nitf.status, xhtml.status]).toEqual([202, 202]);
    const desk = await drafts([nitf.body.articleKey as string, xhtml.body.articleKey as string]);
    const wheat = desk.get(nitf.body.articleKey as string)!;
    expect(wheat).toMatchObject({
      category: 'business-economy',
      tags: ['afghanistan-wheat-harvest', 'agriculture', 'kunduz'],
    });
    expect(wheat.body).toMatch(/^<p><strong>KUNDUZ, Afghanistan, Nov 30 \(Kabul Wire\) -<\/strong> Farmers/);
    const cricket = desk.get(xhtml.body.articleKey as string)!;
    expect(cricket).toMatchObject({ category: 'sport' });
    expect(cricket.body).not.toMatch(/script|alert/);
  });

  it('takes each RSS item and Atom entry as its own story, with a 207 listing every one', async () => {
    const rss = await post('application/rss+xml', ingestFixture('rss-partner.xml'));
    const atom = await post('application/atom+xml', ingestFixture('atom-partner.xml'));
    expect(rss).toMatchObject({ status: 207, body: { counts: { accepted: 3, rejected: 0 } } });
    expect(atom).toMatchObject({ status: 207, body: { counts: { accepted: 2, rejected: 0 } } });
    const keyOf = (a: typeof rss, i: number) => (a.body.results as Array<{ articleKey: string }>)[i]!.articleKey;
    const desk = await drafts([0, 1, 2].map((i) => keyOf(rss, i)).concat([0, 1].map((i) => keyOf(atom, i))));
    const islamQala = desk.get(keyOf(rss, 0))!;
    expect(islamQala).toMatchObject({
      headline: 'Herat & Kandahar traders reopen the Islam Qala crossing',
      category: 'business',
      bylines: ['Farid Rahimi'],
      tags: ['herat', 'trade'],
    });
    expect(islamQala.body).toContain('href="https://herattimes.example/news/2026/11/islam-qala-closed"');
    expect(islamQala.body).not.toMatch(/script|onerror|evil/);
    // No category in the feed: the default.
    expect(desk.get(keyOf(rss, 2))).toMatchObject({ category: 'news', categoryLabel: 'News' });
    const night = desk.get(keyOf(atom, 0))!;
    expect(night.headline).toBe('Mazar-i-Sharif airport resumes night flights');
    expect(night.body).toContain('href="https://balkhpost.example/cities/dubai"');
    expect(night.body).not.toMatch(/onmouseover|steal/);
  });

  it('answers again what became of each submission, with the sanitizer count, and never storage fields', async () => {
    const rss = await post('application/rss+xml', ingestFixture('rss-partner.xml'));
    const [first] = rss.body.results as Array<{ id: string; status: string }>;
    expect(first!.status).toBe('duplicate');
    const sent = await post(
      'application/ninjs+json',
      ingestFixture('ninjs-1.json')
        .replace('Opposition members', 'Most opposition members')
        .replace('"version": "2"', '"version": "3"'),
    );
    expect(sent.body.status).toBe('updated');
    const res = await fetch(`${svc.ingest!.url}/v1/submissions/${sent.body.id as string}`, {
      headers: { 'x-api-key': secrets.sourceApiKey },
    });
    const record = (await res.json()) as Record<string, unknown>;
    expect(record).toMatchObject({ status: 'updated', revision: 3, sanitizerRemoved: 1, channel: 'http' });
    expect(Object.keys(record).filter((k) => /outbox|lease/i.test(k))).toEqual([]);
  });

  it('puts flash, possibleDuplicateOf and autoPublish on articles.ingested.v1', async () => {
    const ingested = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    try {
      const flash = await post('application/ninjs+json', ingestFixture('ninjs-flash.json'));
      const apiKey = {
        secret: await registerSource(svc.ingest!.url, secrets, { name: 'Second Wire', autoPublish: true }),
      };
      const rewrite = {
        externalId: 'sw-wheat-1',
        headline: 'Kunduz wheat harvest is the biggest in ten years',
        body: '<p>Farmers in Kunduz province are bringing in the largest wheat harvest in a decade, officials said on Monday.</p><p>Yields rose by about a third after irrigation canals along the Kunduz river were repaired last spring.</p>',
      };
      const second = await postAs(
        svc.ingest!.url,
        apiKey.secret,
        '/v1/submissions',
        'application/json',
        JSON.stringify(rewrite),
      );
      const data = async (key: unknown) => {
        const [m] = await ingested.waitFor(1, (x) => x.key === key);
        return (JSON.parse(m!.value) as { data: Record<string, unknown> }).data;
      };
      expect(await data(flash.body.articleKey)).toMatchObject({ flash: true });
      const dup = await data(second.body.articleKey);
      expect(dup).toMatchObject({
        autoPublish: true,
        category: 'news',
        possibleDuplicateOf: [
          { articleKey: 'wire:urn:newsml:kabulwire.example:20261130:wheat-harvest', similarity: expect.any(Number) },
        ],
      });
      const record = await fetch(`${svc.ingest!.url}/v1/submissions/${second.body.id as string}`, {
        headers: { 'x-api-key': apiKey.secret },
      });
      expect(await record.json()).toMatchObject({
        possibleDuplicateOf: [{ articleKey: 'wire:urn:newsml:kabulwire.example:20261130:wheat-harvest' }],
      });
    } finally {
      await ingested.close();
    }
  });

  it('delivers Dari, Pashto and Russian headlines byte for byte once published', async () => {
    const rss = await post(
      'application/rss+xml',
      ingestFixture('rss-partner.xml')
        .replace(/herattimes-2026/g, 'bytes-2026')
        .replace('girls-schools</guid>', 'girls-schools-bytes</guid>'),
    );
    const dariKey = (rss.body.results as Array<{ articleKey: string }>)[1]!.articleKey;
    const draft = (await drafts([dariKey])).get(dariKey)!;
    await client().publish(draft.id);
    const article = await waitFor(async () => {
      const r = await client().delivery(`/v1/articles/${encodeURIComponent(draft.slug)}`);
      return r.status === 200 ? ((await r.json()) as { headline: string }) : undefined;
    }, 'the Dari story at delivery');
    expect(Buffer.from(article.headline)).toEqual(Buffer.from('بازگشایی دوباره مکاتب دخترانه در هرات'));
  });

  // Last: its wheat story would otherwise be a near-duplicate candidate for the rewrite above.
  it('takes a NewsML-G2 version as the revision, refuses an older one, and refuses a canceled or withheld story', async () => {
    const ingested = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    try {
      const item = (version: number, headline: string) =>
        ingestFixture('newsml-g2.xml')
          .replace(':wheat-harvest"', ':wheat-versions"')
          .replace('version="4"', `version="${version}"`)
          .replace(/<headline>[^<]*<\/headline>/, `<headline>${headline}</headline>`);
      const newsml = 'application/vnd.iptc.g2.newsitem+xml';
      const first = await post(newsml, item(4, 'Kunduz wheat harvest is the largest in a decade'));
      const newer = await post(newsml, item(6, 'Kunduz wheat harvest is the largest in twenty years'));
      const older = await post(newsml, item(5, 'Kunduz wheat harvest, an older version'));
      expect([first.status, first.body.status, newer.status, newer.body.status]).toEqual([
        202,
        'accepted',
        202,
        'updated',
      ]);
      expect([older.status, (older.body as unknown as ErrorBody).error.details]).toEqual([
        409,
        [{ path: 'version', message: 'version 5 is not newer than revision 6, already taken' }],
      ]);
      const events = await ingested.waitFor(2, (m) => m.key === first.body.articleKey);
      expect(events.map((m) => (JSON.parse(m.value) as { data: { revision: number } }).data.revision)).toEqual([4, 6]);
      const ninjs = JSON.parse(ingestFixture('ninjs-3.json')) as Record<string, unknown>;
      for (const pubStatus of ['canceled', 'withheld']) {
        const refused = await post(
          'application/ninjs+json',
          JSON.stringify({ ...ninjs, uri: `urn:x:${pubStatus}`, pubStatus }),
        );
        expect([refused.status, (refused.body as unknown as ErrorBody).error.details[0]?.path]).toEqual([
          400,
          'pubStatus',
        ]);
      }
    } finally {
      await ingested.close();
    }
  });
});
