import { PublicArticle } from '@broadsheet/contracts';
import { PlatformSecrets, ServiceProcess, startPlatform, testContext, TestContext, waitFor } from '@broadsheet/testing';
import { adminToken, ContentLogWriter, liveDocuments, ReindexReply } from './search-content-log';

const stories = 10_000;
const words = ['wheat', 'saffron', 'cotton', 'almonds', 'grapes', 'melons', 'apricots', 'pistachios'];

/** A small story (a paragraph): 10,000 of them replay in seconds, and each has a word others share. */
const story = (i: number): Partial<PublicArticle> & { id: string } => ({
  id: `s${String(i).padStart(5, '0')}`,
  slug: `harvest-bulletin-${i}`,
  headline: `Harvest bulletin ${i}: ${words[i % words.length]} prices in the valley`,
  summary: `Market prices for ${words[i % words.length]} reported by district ${i % 97}.`,
  body: `<p>Traders in district ${i % 97} reported ${words[i % words.length]} prices for the week, bulletin ${i}.</p>`,
  tags: [words[i % words.length]!],
  publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
});

/**
 * A reindex of 10,000 stories while 200 live updates, unpublishes, kills and new stories arrive: it ends
 * with exactly the live set, and a search loop running throughout never fails nor returns an empty page.
 */
describe('search: reindex under live traffic', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let log: ContentLogWriter;

  beforeAll(async () => {
    ctx = testContext('reindexlive');
    ({ secrets, svc } = await startPlatform(ctx, ['search-index', 'delivery']));
    log = await ContentLogWriter.open(ctx);
    await log.send(Array.from({ length: stories }, (_, i) => ({ version: 1, article: story(i) })));
    await waitFor(
      async () => ((await indexStatus()).searchable === stories ? true : undefined),
      '10,000 stories searchable',
      240_000,
      1_000,
    );
  }, 300_000);

  afterAll(async () => {
    await log?.close();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const admin = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${svc['search-index']!.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${adminToken(secrets)}` },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const indexStatus = async () =>
    (await admin<{ searchable: number; partitions: Array<{ lag: number }> }>('/v1/admin/index')).body;
  const search = async (q: string): Promise<{ status: number; ids: string[]; total: number }> => {
    const res = await fetch(`${svc.delivery!.url}/v1/search?${new URLSearchParams({ q, limit: '20' }).toString()}`);
    const body = (await res.json()) as { hits?: Array<{ id: string }>; totalHits?: number };
    return { status: res.status, ids: (body.hits ?? []).map((h) => h.id), total: body.totalHits ?? 0 };
  };

  it('ends with exactly the live set, and searches never fail or come back empty meanwhile', async () => {
    // 200 live events: 60 edits, 50 unpublished, 50 killed, 40 new stories.
    const edited = Array.from({ length: 60 }, (_, i) => story(i * 7 + 1));
    const unpublished = Array.from({ length: 50 }, (_, i) => story(i * 7 + 2));
    const killed = Array.from({ length: 50 }, (_, i) => story(i * 7 + 3));
    const added = Array.from({ length: 40 }, (_, i) => ({
      ...story(stories + i),
      headline: `Orchard census ${i} counts zucchinicorn trees`,
    }));
    const live = [
      ...edited.map((a) => ({
        version: 2,
        article: { ...a, headline: `${a.headline} (revised quinceberry figures)` },
      })),
      ...unpublished.map((a) => ({ version: 2, article: { ...a, status: 'unpublished' as const } })),
      ...killed.map((a) => ({ version: 2, article: { ...a, status: 'killed' as const, body: '' } })),
      ...added.map((a) => ({ version: 1, article: a })),
    ].sort((a, b) => a.article.id.localeCompare(b.article.id));
    // Interleave kinds so each chunk carries some of each.
    const chunks = Array.from({ length: 20 }, (_, c) => live.filter((_, i) => i % 20 === c));

    const failures: string[] = [];
    let searches = 0;
    let searching = true;
    const loop = (async () => {
      for (let i = 0; searching; i += 1) {
        const q = i % 2 === 0 ? 'harvest valley' : (words[i % words.length] ?? 'wheat');
        const r = await search(q);
        searches += 1;
        if (r.status !== 200 || r.ids.length === 0) failures.push(`${q}: ${r.status} with ${r.ids.length} hits`);
      }
    })();

    const started = await admin<ReindexReply>('/v1/admin/reindex', { method: 'POST' });
    expect(started.status).toBe(202);
    const states: string[] = [];
    for (const chunk of chunks) {
      states.push((await admin<ReindexReply>(`/v1/admin/reindex/${started.body.id}`)).body.state);
      await log.send(chunk);
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = await waitFor(
      async () => {
        const p = (await admin<ReindexReply>(`/v1/admin/reindex/${started.body.id}`)).body;
        if (p.state === 'failed') throw new Error(`reindex failed: ${p.error}`);
        return p.state === 'done' ? p : undefined;
      },
      'the reindex to finish',
      240_000,
      500,
    );
    await waitFor(
      async () => ((await indexStatus()).partitions.every((p) => p.lag === 0) ? true : undefined),
      'live lag 0',
      60_000,
    );
    // A story published during the rebuild is searchable after the swap (and the loop checked before it).
    await waitFor(
      async () => ((await search('zucchinicorn')).total === added.length ? true : undefined),
      'new stories',
      30_000,
    );
    searching = false;
    await loop;

    process.stdout.write(
      `\nreindex of ${done.eventsRead} events: ${done.documentsIndexed} documents, ${done.eventsPerSecond} events/s; ` +
        `live events sent while it was ${[...new Set(states)].join(', ')}; ${searches} searches, ${failures.length} failed or empty\n`,
    );
    expect(states.filter((s) => s !== 'done').length).toBeGreaterThan(10);
    expect(failures).toEqual([]);

    const expected = new Set([...Array.from({ length: stories }, (_, i) => story(i).id), ...added.map((a) => a.id)]);
    for (const a of [...unpublished, ...killed]) expected.delete(a.id);
    const docs = await liveDocuments(ctx);
    const visible = [...docs.values()].filter((d) => d.visible);
    expect(visible.length).toBe(expected.size);
    expect(visible.every((d) => expected.has(d.id))).toBe(true);
    for (const a of edited)
      expect(docs.get(a.id)).toMatchObject({ version: 2, headline: expect.stringContaining('quinceberry') });
    for (const a of killed) expect(docs.get(a.id)).toEqual({ id: a.id, version: 2, visible: false });
    expect((await search('quinceberry')).total).toBe(edited.length);
    expect((await indexStatus()).searchable).toBe(expected.size);
  }, 600_000);
});
