import { Role, signToken } from '@broadsheet/auth';
import { DomainEvent, killedSlug, Topics } from '@broadsheet/contracts';
import {
  anIngestedEvent,
  editorialOutboxDrained,
  PlatformSecrets,
  ServiceProcess,
  startPlatform,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { forgedTokens } from './security/tokens';

type Json = Record<string, unknown> & { error?: { code: string; details: Array<{ path: string }> } };

/** The desk through the running services: writing, the role matrix, If-Match races, revisions, wire updates, kills. */
describe('the editorial desk', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let producer: Producer;

  beforeAll(async () => {
    ctx = testContext('desk');
    ({ secrets, svc } = await startPlatform(ctx, ['editorial', 'delivery', 'search-index']));
    producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const token = (roles: Role[], sub = 'tester'): string => signToken(secrets.jwtSecret, { sub, roles });
  const call = async (
    path: string,
    init: { method?: string; body?: unknown; roles?: Role[]; auth?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Json; etag: string | null }> => {
    const res = await fetch(`${svc.editorial!.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        authorization: init.auth ?? `Bearer ${token(init.roles ?? ['editor'])}`,
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as Json, etag: res.headers.get('etag') };
  };
  const delivery = (path: string): Promise<Response> => fetch(`${svc.delivery!.url}${path}`);
  const write = async (headline: string, roles: Role[] = ['writer']) => {
    const res = await call('/v1/articles', {
      method: 'POST',
      roles,
      body: { headline, body: '<p>The lower house approved the budget shortly after dawn.</p>', category: 'Politics' },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; slug: string; revision: number };
  };
  const sendIngested = async (event: DomainEvent): Promise<void> => {
    await producer.send({
      topic: `${ctx.prefix}${Topics.ArticlesIngested}`,
      messages: [{ key: event.subject, value: JSON.stringify(event) }],
    });
  };
  const byKey = (articleKey: string): Promise<Json & { id: string }> =>
    waitFor(async () => {
      const { body } = await call('/v1/articles?limit=100');
      return (body.items as Array<Json & { id: string }>).find((a) => a.articleKey === articleKey);
    }, `the wire story ${articleKey} on the desk`);

  describe('role matrix', () => {
    const routes: Array<{ method: string; path: string; allowed: Role[]; body?: unknown }> = [
      { method: 'GET', path: '/v1/articles', allowed: ['writer', 'editor', 'admin'] },
      { method: 'POST', path: '/v1/articles', allowed: ['writer', 'editor', 'admin'], body: {} },
      { method: 'GET', path: '/v1/articles/none', allowed: ['writer', 'editor', 'admin'] },
      { method: 'PATCH', path: '/v1/articles/none', allowed: ['writer', 'editor', 'admin'], body: {} },
      { method: 'POST', path: '/v1/articles/none/submit', allowed: ['writer', 'editor', 'admin'] },
      { method: 'POST', path: '/v1/articles/none/publish', allowed: ['editor', 'admin'] },
      { method: 'POST', path: '/v1/articles/none/unpublish', allowed: ['editor', 'admin'] },
      { method: 'POST', path: '/v1/articles/none/kill', allowed: ['editor', 'admin'], body: { reason: 'legal' } },
      { method: 'POST', path: '/v1/articles/none/corrections', allowed: ['editor', 'admin'], body: { note: 'x' } },
      { method: 'POST', path: '/v1/articles/none/wire-update/accept', allowed: ['editor', 'admin'] },
      { method: 'GET', path: '/v1/articles/none/wire-update', allowed: ['writer', 'editor', 'admin'] },
      { method: 'GET', path: '/v1/articles/none/revisions', allowed: ['writer', 'editor', 'admin'] },
      { method: 'GET', path: '/v1/articles/none/revisions/1', allowed: ['writer', 'editor', 'admin'] },
      { method: 'GET', path: '/v1/articles/none/revisions/2/diff?against=1', allowed: ['writer', 'editor', 'admin'] },
      { method: 'GET', path: '/v1/articles/none/audit', allowed: ['writer', 'editor', 'admin'] },
    ];

    it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, route) => {
      const seen: Record<string, number> = {};
      const send = async (label: string, auth: string | undefined) => {
        const res = await fetch(`${svc.editorial!.url}${route.path}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: route.body === undefined ? undefined : JSON.stringify(route.body),
        });
        seen[label] = res.status;
      };
      await send('no token', undefined);
      for (const [forgery, t] of Object.entries(forgedTokens(secrets.jwtSecret, ['admin'])))
        await send(forgery, `Bearer ${t}`);
      for (const role of ['writer', 'editor', 'admin'] as const) await send(role, `Bearer ${token([role])}`);
      const want = Object.fromEntries(
        Object.keys(seen).map((k) => {
          if (!['writer', 'editor', 'admin'].includes(k)) return [k, 401];
          return [k, route.allowed.includes(k as Role) ? 'through' : 403];
        }),
      );
      const got = Object.fromEntries(
        Object.entries(seen).map(([k, s]) => [k, [401, 403].includes(s) || s >= 500 ? s : 'through']),
      );
      expect(got).toEqual(want);
    });
  });

  it('write → submit → publish → edit → correct → unpublish, each visible at delivery, the diff showing the edit', async () => {
    const draft = await write('Budget passes after a night of debate');
    expect((await call(`/v1/articles/${draft.id}/submit`, { method: 'POST', roles: ['writer'] })).status).toBe(200);
    expect((await call(`/v1/articles/${draft.id}/publish`, { method: 'POST', roles: ['writer'] })).status).toBe(403);
    const published = await call(`/v1/articles/${draft.id}/publish`, { method: 'POST' });
    expect(published.body).toMatchObject({ status: 'published', version: 1 });
    await waitFor(
      async () => ((await delivery(`/v1/articles/${draft.slug}`)).status === 200 ? true : undefined),
      'published at delivery',
    );

    const edited = await call(`/v1/articles/${draft.id}`, {
      method: 'PATCH',
      headers: { 'if-match': published.etag! },
      body: { body: '<p>The lower house narrowly approved the budget after dawn.</p>' },
    });
    expect(edited.body).toMatchObject({ status: 'published', version: 2 });
    await waitFor(async () => {
      const a = (await (await delivery(`/v1/articles/${draft.slug}`)).json()) as { body: string };
      return a.body.includes('narrowly') ? true : undefined;
    }, 'the edit at delivery');
    const n = edited.body.revision as number;
    const diff = await call(`/v1/articles/${draft.id}/revisions/${n}/diff?against=${n - 1}`);
    expect(diff.body.changed).toEqual(['body']);
    const words = (diff.body.body as Array<{ parts: Array<{ op: string; text: string }> }>)[0]!.parts;
    expect(words.filter((p) => p.op !== 'same').map((p) => `${p.op}:${p.text.trim()}`)).toEqual([
      'added:narrowly',
      'removed:shortly',
    ]);

    const corrected = await call(`/v1/articles/${draft.id}/corrections`, {
      method: 'POST',
      body: { note: 'The vote was 142 to 96.' },
    });
    expect(corrected.body.corrections).toEqual([{ note: 'The vote was 142 to 96.', at: expect.any(String) }]);
    await waitFor(async () => {
      const a = (await (await delivery(`/v1/articles/${draft.slug}`)).json()) as { version: number };
      return a.version === 3 ? true : undefined;
    }, 'the correction at delivery');
    expect((await call(`/v1/articles/${draft.id}/unpublish`, { method: 'POST' })).status).toBe(200);
    await waitFor(
      async () => ((await delivery(`/v1/articles/${draft.slug}`)).status === 410 ? true : undefined),
      '410 at delivery',
    );

    const audit = (await call(`/v1/articles/${draft.id}/audit`)).body.items as Array<Json>;
    expect(audit.map((a) => [a.action, a.from, a.to])).toEqual([
      ['create', null, 'draft'],
      ['submit', 'draft', 'in_review'],
      ['publish', 'in_review', 'published'],
      ['edit', 'published', 'published'],
      ['correct', 'published', 'published'],
      ['unpublish', 'published', 'unpublished'],
    ]);
    expect(audit[0]).toMatchObject({ actor: 'tester', at: expect.any(String) });
    const revisions = (await call(`/v1/articles/${draft.id}/revisions`)).body.items as Array<Json>;
    expect(revisions.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('needs If-Match on PATCH (428), refuses a stale one (412), and lets exactly one of two concurrent saves win', async () => {
    const draft = await write('Two editors save at once');
    const body = { headline: 'Two editors save at once, again' };
    expect((await call(`/v1/articles/${draft.id}`, { method: 'PATCH', body })).status).toBe(428);
    const malformed = await call(`/v1/articles/${draft.id}`, { method: 'PATCH', body, headers: { 'if-match': '*' } });
    expect({ status: malformed.status, path: malformed.body.error?.details[0]?.path }).toEqual({
      status: 400,
      path: 'If-Match',
    });
    expect(
      (await call(`/v1/articles/${draft.id}`, { method: 'PATCH', body, headers: { 'if-match': '"99"' } })).status,
    ).toBe(412);
    for (let round = 0; round < 5; round += 1) {
      const current = await call(`/v1/articles/${draft.id}`);
      const answers = await Promise.all(
        ['Version A', 'Version B'].map((headline) =>
          call(`/v1/articles/${draft.id}`, {
            method: 'PATCH',
            body: { headline },
            headers: { 'if-match': current.etag! },
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!.body.headline;
      expect((await call(`/v1/articles/${draft.id}`)).body.headline).toBe(winner);
    }
  });

  it('keeps a wire update aside once an editor edited the draft, and lets the editor accept it', async () => {
    const key = `wire:desk-${Date.now()}`;
    await sendIngested(anIngestedEvent('Quake strikes the north', key));
    const draft = await byKey(key);
    const untouched = anIngestedEvent('Quake strikes the north, dozens hurt', key) as DomainEvent & {
      data: { revision: number };
    };
    untouched.data.revision = 2;
    await sendIngested(untouched);
    await waitFor(
      async () =>
        (await call(`/v1/articles/${draft.id}`)).body.headline === 'Quake strikes the north, dozens hurt'
          ? true
          : undefined,
      'the refresh',
    );

    const current = await call(`/v1/articles/${draft.id}`);
    await call(`/v1/articles/${draft.id}`, {
      method: 'PATCH',
      body: { headline: 'Editor headline' },
      headers: { 'if-match': current.etag! },
    });
    const later = anIngestedEvent('Quake strikes the north, 80 hurt', key) as DomainEvent & {
      data: { revision: number };
    };
    later.data.revision = 3;
    await sendIngested(later);
    const flagged = await waitFor(async () => {
      const a = await call(`/v1/articles/${draft.id}`);
      return a.body.wireUpdateAvailable ? a : undefined;
    }, 'wire update available');
    expect(flagged.body.headline).toBe('Editor headline');
    const waiting = await call(`/v1/articles/${draft.id}/wire-update`);
    expect(waiting.body).toMatchObject({
      available: true,
      ingestRevision: 3,
      content: { headline: 'Quake strikes the north, 80 hurt' },
    });
    expect((waiting.body.diff as Json).changed).toContain('headline');
    const accepted = await call(`/v1/articles/${draft.id}/wire-update/accept`, { method: 'POST' });
    expect(accepted.body).toMatchObject({ headline: 'Quake strikes the north, 80 hurt', wireUpdateAvailable: false });
    expect((await call(`/v1/articles/${draft.id}/wire-update`)).body).toEqual({ available: false });
  });

  it('marks a flash, keeps possible duplicates, and publishes an auto-publish story with no person touching it', async () => {
    const flash = anIngestedEvent('FLASH Quake hits the capital');
    Object.assign(flash.data, { flash: true, possibleDuplicateOf: [{ articleKey: 'agency:q1', similarity: 0.91 }] });
    await sendIngested(flash);
    const draft = await byKey(flash.subject);
    expect(draft).toMatchObject({
      status: 'draft',
      flash: true,
      possibleDuplicateOf: [{ articleKey: 'agency:q1', similarity: 0.91 }],
    });

    const auto = anIngestedEvent('Markets close higher');
    Object.assign(auto.data, { autoPublish: true });
    await sendIngested(auto);
    const live = await byKey(auto.subject);
    expect(live).toMatchObject({ status: 'published', version: 1 });
    const audit = (await call(`/v1/articles/${live.id}/audit`)).body.items as Array<Json>;
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['create', 'source:wire'],
      ['publish', 'source:wire'],
    ]);
  });

  it('kills for good: 410 at delivery, gone from search, no text in the latest content-log record', async () => {
    const content = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesContent}`);
    try {
      const draft = await write('Court names the protected witness Zarghona');
      await call(`/v1/articles/${draft.id}/publish`, { method: 'POST' });
      await waitFor(
        async () =>
          (await delivery(`/v1/search?q=Zarghona`)).ok &&
          ((await (await delivery(`/v1/search?q=Zarghona`)).json()) as { hits: unknown[] }).hits.length > 0
            ? true
            : undefined,
        'in search',
      );
      const killed = await call(`/v1/articles/${draft.id}/kill`, {
        method: 'POST',
        body: { reason: 'court order 41/2026' },
      });
      expect(killed.body.status).toBe('killed');
      expect((await call(`/v1/articles/${draft.id}/publish`, { method: 'POST' })).status).toBe(409);
      const audit = (await call(`/v1/articles/${draft.id}/audit`)).body.items as Json[];
      expect(audit.at(-1)).toMatchObject({
        action: 'kill',
        from: 'published',
        to: 'killed',
        reason: 'court order 41/2026',
      });
      await waitFor(
        async () => ((await delivery(`/v1/articles/${draft.slug}`)).status === 410 ? true : undefined),
        '410',
      );
      await waitFor(
        async () =>
          ((await (await delivery(`/v1/search?q=Zarghona`)).json()) as { hits: unknown[] }).hits.length === 0
            ? true
            : undefined,
        'out of search',
      );
      await editorialOutboxDrained(ctx, draft.id);
      const latest = (await content.readToEnd()).filter((m) => m.key === draft.id).at(-1)!;
      const event = JSON.parse(latest.value) as {
        type: string;
        data: { article: Record<string, unknown>; reason: string };
      };
      expect(event.type).toBe('article.killed');
      expect(event.data.reason).toBe('court order 41/2026');
      // Not even the slug, made of the headline's words: the log holds its digest, and readers still get 410.
      expect(JSON.stringify(event.data.article)).not.toMatch(/court|witness|Zarghona|budget|dawn|politics/i);
      expect(event.data.article.slug).toBe(killedSlug(draft.slug));
      expect((await delivery(`/articles/${draft.slug}`)).status).toBe(410);
    } finally {
      await content.close();
    }
  });

  it('filters the desk list by status, author, text and date, newest first, with a cursor', async () => {
    const author = `writer-${Date.now()}`;
    for (const h of ['Alpha river floods', 'Beta river floods', 'Gamma fire']) {
      await call('/v1/articles', {
        method: 'POST',
        auth: `Bearer ${token(['writer'], author)}`,
        body: { headline: h, body: '<p>Text.</p>', category: 'News' },
      });
    }
    const page1 = await call(`/v1/articles?author=${author}&q=river&limit=1`);
    expect((page1.body.items as Json[]).map((a) => a.headline)).toEqual(['Beta river floods']);
    const page2 = await call(
      `/v1/articles?author=${author}&q=river&limit=1&cursor=${encodeURIComponent(page1.body.nextCursor as string)}`,
    );
    expect((page2.body.items as Json[]).map((a) => a.headline)).toEqual(['Alpha river floods']);
    const future = await call(`/v1/articles?author=${author}&from=${encodeURIComponent('2999-01-01T00:00:00+04:30')}`);
    expect(future.body.items).toEqual([]);
    const regex = await call(`/v1/articles?q=${encodeURIComponent('.*')}&author=${author}`);
    expect(regex.body.items).toEqual([]);
    const nul = await call(`/v1/articles?q=${encodeURIComponent('a\u0000b')}`);
    expect({ status: nul.status, path: nul.body.error?.details[0]?.path }).toEqual({ status: 400, path: 'q' });
  });
});
