import { Topics } from '@broadsheet/contracts';
import { Kafka, logLevel } from 'kafkajs';
import {
  aSubmission,
  Draft,
  editorialOutboxDrained,
  editorToken,
  PlatformClient,
  PlatformSecrets,
  serviceNames,
  ServiceProcess,
  startPlatform,
  submissionMessage,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { expectedChecks } from './readiness';

/** One story through the four running services: ingest → editorial → content log → delivery and search. */
describe('a story end to end', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;

  beforeAll(async () => {
    ctx = testContext('e2e');
    ({ secrets, svc } = await startPlatform(ctx, serviceNames));
  });

  afterAll(async () => {
    if (process.env.SHOW_SERVICE_LOGS)
      for (const s of Object.values(svc ?? {})) process.stdout.write(`--- ${s.name}\n${s.output.join('')}\n`);
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${svc.ingest!.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const client = (): PlatformClient =>
    new PlatformClient(
      { ingest: svc.ingest!.url, editorial: svc.editorial!.url, delivery: svc.delivery!.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
  const editorial = (path: string, init: RequestInit = {}) => client().editorial(path, init);
  const delivery = (path: string, init: RequestInit = {}) => client().delivery(path, init);
  const draftOf = async (articleKey: string): Promise<Draft> => (await client().drafts([articleKey])).get(articleKey)!;

  it('publishes a submitted story to delivery and to typo-tolerant search', async () => {
    const story = aSubmission({ headline: 'Parliament approves the national budget after a long night' });
    const res = await submit(story);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { id: string; status: string; articleKey: string };
    expect(accepted).toMatchObject({ status: 'accepted', articleKey: `wire:${story.externalId}` });

    const draft = await draftOf(accepted.articleKey);
    expect(draft.status).toBe('draft');

    const published = await editorial(`/v1/articles/${draft.id}/publish`, { method: 'POST' });
    expect({ status: published.status, body: await published.json() }).toMatchObject({
      status: 200,
      body: { status: 'published', version: 1 },
    });

    const article = await waitFor(async () => {
      const r = await delivery(`/v1/articles/${draft.slug}`);
      return r.status === 200 ? ((await r.json()) as { headline: string; body: string; version: number }) : undefined;
    }, 'the article at delivery');
    expect(article.headline).toBe(story.headline);
    // A reader's copy: public fields only, nothing of the read model's storage or workflow.
    expect(Object.keys(article).sort()).toEqual(
      [
        ...['id', 'slug', 'headline', 'summary', 'body', 'bylines', 'category', 'categoryLabel', 'tags'],
        ...['language', 'images', 'version', 'publishedAt', 'updatedAt', 'corrections'],
      ].sort(),
    );

    const search = await waitFor(async () => {
      const r = await delivery(`/v1/search?q=${encodeURIComponent('parliamnet budjet')}`);
      const found = (await r.json()) as {
        hits: Array<{ id: string; headline: string; highlights: { headline: string } }>;
        facets: { category: Record<string, number> };
      };
      return found.hits.some((h) => h.id === draft.id) ? found : undefined;
    }, 'the article in search');
    const hit = search.hits.find((h) => h.id === draft.id)!;
    expect(hit.headline).toBe(story.headline);
    expect(hit.highlights.headline).toContain('<mark>Parliament</mark>');
    expect(search.facets.category.politics).toBeGreaterThanOrEqual(1);
  });

  it('answers 304 to a matching ETag and 410 once the article is unpublished', async () => {
    const story = aSubmission({ headline: 'Flooding closes the Salang tunnel for a second day' });
    const accepted = (await (await submit(story)).json()) as { articleKey: string };
    const draft = await draftOf(accepted.articleKey);
    await editorial(`/v1/articles/${draft.id}/publish`, { method: 'POST' });
    const first = await waitFor(async () => {
      const r = await delivery(`/v1/articles/${draft.slug}`);
      return r.status === 200 ? r : undefined;
    }, 'the article at delivery');
    const etag = first.headers.get('etag')!;
    expect((await delivery(`/v1/articles/${draft.slug}`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    expect((await editorial(`/v1/articles/${draft.id}/unpublish`, { method: 'POST' })).status).toBe(200);
    const gone = await waitFor(async () => {
      const r = await delivery(`/v1/articles/${draft.slug}`);
      return r.status === 410 ? ((await r.json()) as { error: { code: string } }) : undefined;
    }, 'a 410 from delivery');
    expect(gone.error.code).toBe('GONE');
    await waitFor(async () => {
      const r = await delivery(`/v1/search?q=${encodeURIComponent('Salang tunnel')}`);
      const found = (await r.json()) as { hits: Array<{ id: string }> };
      return found.hits.some((h) => h.id === draft.id) ? undefined : true;
    }, 'the article to leave search');
  });

  it('lets only one of two concurrent publishes through, and puts one event on the content log', async () => {
    const content = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesContent}`);
    try {
      const story = aSubmission({ headline: 'Two editors press publish at once' });
      const accepted = (await (await submit(story)).json()) as { articleKey: string };
      const draft = await draftOf(accepted.articleKey);
      const answers = await Promise.all(
        [1, 2].map(() => editorial(`/v1/articles/${draft.id}/publish`, { method: 'POST' })),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = (await answers.find((r) => r.status === 409)!.json()) as { error: { code: string } };
      expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(loser.error.code);
      await editorialOutboxDrained(ctx, draft.id);
      expect((await content.readToEnd()).filter((m) => m.key === draft.id)).toHaveLength(1);
    } finally {
      await content.close();
    }
  });

  it('strips scripts from a hostile body before any reader sees it', async () => {
    const story = aSubmission({
      headline: 'Hostile markup test <script>alert(1)</script>',
      body: '<p onclick="x()">Safe text</p><script>alert("xss")</script><img src="https://example.org/a.jpg" onerror="alert(1)">',
    });
    const accepted = (await (await submit(story)).json()) as { articleKey: string };
    const draft = await draftOf(accepted.articleKey);
    expect(draft.body).not.toMatch(/script|onclick|onerror/i);
    expect(draft.body).toContain('Safe text');
  });

  it('calls a resubmission of the same story a duplicate and a changed one an update', async () => {
    const story = aSubmission();
    expect(await (await submit(story)).json()).toMatchObject({ status: 'accepted' });
    expect(await (await submit({ ...story })).json()).toMatchObject({ status: 'duplicate' });
    expect(await (await submit({ ...story, headline: `${story.headline} (updated)` })).json()).toMatchObject({
      status: 'updated',
    });
  });

  it('refuses bad submissions with a stable code and the field at fault', async () => {
    const missingKey = await submit(aSubmission(), { 'x-api-key': 'wrong-key-wrong-key' });
    expect(missingKey.status).toBe(401);
    expect(((await missingKey.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');

    const invalid = await submit({ ...aSubmission(), headline: '' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as {
      error: { code: string; details: Array<{ path: string }>; correlationId: string };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path)).toContain('headline');
    expect(body.error.correlationId).toBeTruthy();

    const malformed = await submit('{"headline": ');
    expect(malformed.status).toBe(400);

    const xml = await submit('<rss/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);

    const huge = await submit(aSubmission({ body: `<p>${'x'.repeat(1_200_000)}</p>` }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses editorial calls without a valid token or the right role', async () => {
    expect((await fetch(`${svc.editorial!.url}/v1/articles`)).status).toBe(401);
    const writer = await fetch(`${svc.editorial!.url}/v1/articles/x/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorToken(secrets, ['writer'])}` },
    });
    expect(writer.status).toBe(403);
  });

  it('keeps search query operators literal', async () => {
    const injected = await delivery(
      `/v1/search?q=budget&category=${encodeURIComponent('politics" OR visible = false')}`,
    );
    expect(injected.status).toBe(400);
    expect(((await injected.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).toBe(
      'category',
    );
    const bracketed = await delivery('/v1/search?q[$ne]=x');
    expect(bracketed.status).toBe(200);
  });

  it('takes stories from Kafka too, announcing the ones it rejects on ingest.rejected.v1', async () => {
    const rejected = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.IngestRejected}`);
    const producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      const good = aSubmission({ headline: 'Wire story arriving over Kafka' });
      const bad = { ...aSubmission(), headline: '', category: undefined };
      const received = (submission: object) => submissionMessage(submission, 'kafka-intake-test');
      await producer.send({
        topic: `${ctx.prefix}${Topics.IngestSubmissions}`,
        messages: [
          { key: 'bad', value: received(bad) },
          { key: 'good', value: received(good) },
        ],
      });
      const [event] = await rejected.waitFor(1);
      const data = (JSON.parse(event!.value) as { data: { externalId: string; reasons: Array<{ path: string }> } })
        .data;
      expect(data.externalId).toBe(bad.externalId);
      // A story without a category takes its source's default (or `news`): only the headline is at fault.
      expect(data.reasons.map((r) => r.path).sort()).toEqual(['headline']);
      const draft = await draftOf(`wire:${good.externalId}`);
      expect(draft.status).toBe('draft');
    } finally {
      await producer.disconnect();
      await rejected.close();
    }
  });

  it('carries the caller’s correlation id from the HTTP request into the events it causes', async () => {
    const ingested = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    const content = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesContent}`);
    try {
      const story = aSubmission();
      const res = await submit(story, { 'x-correlation-id': 'corr-submit-1' });
      expect(res.headers.get('x-correlation-id')).toBe('corr-submit-1');
      const [event] = await ingested.waitFor(1, (m) => m.key === `wire:${story.externalId}`);
      expect(event!.headers['correlation-id']).toBe('corr-submit-1');
      expect(JSON.parse(event!.value)).toMatchObject({ correlationid: 'corr-submit-1' });
      expect(event!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

      const draft = await draftOf(`wire:${story.externalId}`);
      await editorial(`/v1/articles/${draft.id}/publish`, {
        method: 'POST',
        headers: { 'x-correlation-id': 'corr-publish-1' },
      });
      const [published] = await content.waitFor(1, (m) => m.key === draft.id);
      expect(published!.headers['correlation-id']).toBe('corr-publish-1');
    } finally {
      await Promise.all([ingested.close(), content.close()]);
    }
  });

  it('serves health, metrics and the OpenAPI document on every service', async () => {
    for (const s of Object.values(svc)) {
      const ready = (await (await fetch(`${s.url}/health/ready`)).json()) as {
        status: string;
        checks: Record<string, string>;
      };
      expect(ready).toEqual({ status: 'ok', checks: expectedChecks(s.name) });
      expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('process_resident_memory_bytes');
      expect((await fetch(`${s.url}/docs-json`)).status).toBe(200);
    }
  });
});
