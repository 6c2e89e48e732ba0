import {
  freePorts,
  PlatformSecrets,
  serviceEnv,
  ServiceProcess,
  startPlatform,
  testContext,
  TestContext,
  waitFor,
} from '@broadsheet/testing';
import { ContentLogWriter } from './search-content-log';

/** delivery's `/v1/search` parameters: languages, refusals in the error shape, and Meilisearch down. */
describe('search: the public search API', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;

  beforeAll(async () => {
    ctx = testContext('searchapi');
    ({ secrets, svc } = await startPlatform(ctx, ['search-index', 'delivery']));
    const log = await ContentLogWriter.open(ctx);
    await log.send([
      {
        version: 1,
        article: {
          id: 'en-1',
          headline: 'Budget talks resume in parliament',
          summary: 'Budget talks resume in parliament',
          body: '<p>Lawmakers met again on the budget.</p>',
          language: 'en',
        },
      },
      {
        version: 1,
        article: {
          id: 'ru-1',
          headline: 'Переговоры о бюджете возобновились',
          summary: 'Переговоры о бюджете возобновились',
          body: '<p>Депутаты снова обсуждают бюджет.</p>',
          language: 'ru',
        },
      },
      {
        version: 1,
        article: {
          id: 'prs-1',
          headline: 'گفتگوها درباره بودجه از سر گرفته شد',
          summary: 'گفتگوها درباره بودجه از سر گرفته شد',
          body: '<p>نمایندگان دوباره درباره بودجه گفتگو کردند.</p>',
          language: 'fa-AF',
        },
      },
      {
        version: 1,
        article: {
          id: 'gone-1',
          headline: 'Budget story withdrawn',
          summary: 'Budget story withdrawn',
          body: '<p>A budget story that was unpublished.</p>',
          language: 'en',
        },
      },
      { version: 2, article: { id: 'gone-1', status: 'unpublished', language: 'en' } },
    ]);
    await log.close();
    await waitFor(
      async () => ((await search('')).body.totalHits === 3 ? true : undefined),
      'stories searchable',
      60_000,
    );
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  async function search(query: string, base = svc.delivery!.url) {
    const res = await fetch(`${base}/v1/search?${query}`);
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as Record<string, unknown> & {
        totalHits?: number;
        hits?: Array<Record<string, unknown>>;
      },
    };
  }

  it('keeps to one language with lang=, its primary subtag counting', async () => {
    expect((await search('lang=ru')).body.hits?.map((h) => h.id)).toEqual(['ru-1']);
    expect((await search('lang=fa-AF')).body.hits?.map((h) => h.id)).toEqual(['prs-1']);
    expect((await search(`q=${encodeURIComponent('бюджете')}&lang=ru`)).body.hits?.map((h) => h.id)).toEqual(['ru-1']);
    expect((await search('q=parliament&lang=ru')).body.totalHits).toBe(0);
    expect((await search('q=parliament')).body.totalHits).toBe(1);
  });

  it('refuses a language that is not a BCP 47 tag, naming the parameter', async () => {
    for (const lang of ['english!', 'e', `en-${'x'.repeat(40)}`, 'lang = "en"']) {
      const res = await search(`lang=${encodeURIComponent(lang)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          details: expect.arrayContaining([expect.objectContaining({ path: 'lang' })]),
        },
      });
    }
  });

  it('returns only the fields a result shows, never the indexed text or tombstones', async () => {
    // Filter syntax in a query is only words, and an unclosed quote does not turn the rest into a phrase.
    const hostile = await search(`q=${encodeURIComponent('budget" OR visible = false')}&lang=en`);
    expect(hostile.status).toBe(200);
    expect(hostile.body.hits?.map((h) => h.id)).toEqual(['en-1']);
    const res = await search('q=budget&lang=en');
    expect(res.body.hits?.map((h) => h.id)).toEqual(['en-1']);
    expect(Object.keys(res.body.hits![0]!).sort()).toEqual(
      [
        'bylines',
        'category',
        'categoryLabel',
        'headline',
        'highlights',
        'id',
        'publishedAt',
        'slug',
        'summary',
        'tags',
      ].sort(),
    );
  });

  it('answers 503 with Retry-After when Meilisearch cannot be reached', async () => {
    const [closed] = await freePorts(1);
    const env = { ...serviceEnv('delivery', ctx, secrets), MEILI_URL: `http://127.0.0.1:${closed}` };
    const orphan = await ServiceProcess.start('delivery', env, false);
    try {
      await waitFor(async () => ((await fetch(`${orphan.url}/health/live`)).ok ? true : undefined), 'delivery live');
      const res = await search('q=budget', orphan.url);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toMatchObject({ error: { code: 'UNAVAILABLE' } });
      expect(JSON.stringify(res.body)).not.toContain(String(closed));
    } finally {
      await orphan.stop();
    }
  });
});
