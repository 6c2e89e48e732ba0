import { Topics } from '@broadsheet/contracts';
import {
  aSubmission,
  PlatformSecrets,
  ServiceProcess,
  startPlatform,
  submissionMessage,
  testContext,
  TestContext,
  TopicReader,
} from '@broadsheet/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { ingestCounts, ingestFixture, postAs } from './ingest-client';

type IngestedEvent = { correlationid: string; data: { externalId: string; revision: number } };
type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };

/** Hostile and oversized input on every intake: refused with a clear error, nothing stored; batches item by item. */
describe('ingest refuses the hostile and takes batches', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let producer: Producer;

  beforeAll(async () => {
    ctx = testContext('ingest-hostile');
    ({ secrets, svc } = await startPlatform(ctx, ['ingest']));
    producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const post = (route: string, type: string, body: string) =>
    postAs(svc.ingest!.url, secrets.sourceApiKey, route, type, body);

  it.each([
    ['an XML bomb (entity expansion)', 'application/vnd.iptc.g2.newsitem+xml', 'hostile-xml-bomb.xml', /DOCTYPE/],
    ['an external entity (XXE) in RSS', 'application/rss+xml', 'hostile-xxe.xml', /DOCTYPE/],
    ['malformed XML', 'application/rss+xml', 'hostile-malformed.xml', /malformed XML/],
  ])('refuses %s with 400 naming the body, storing nothing', async (_what, type, file, message) => {
    const before = await ingestCounts(ctx);
    const answer = await post('/v1/submissions', type, ingestFixture(file));
    const { error } = answer.body as unknown as ErrorBody;
    expect({ status: answer.status, code: error.code, path: error.details[0]?.path }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      path: 'body',
    });
    expect(error.message).toMatch(message);
    expect(JSON.stringify(answer.body)).not.toMatch(/root:|lollol/);
    expect(await ingestCounts(ctx)).toEqual(before);
  });

  it('refuses a 5 MiB body with 413, and an unknown Content-Type with 415', async () => {
    const big = JSON.stringify(aSubmission({ body: `<p>${'a'.repeat(5 * 1024 * 1024)}</p>` }));
    expect((await post('/v1/submissions', 'application/json', big)).status).toBe(413);
    expect(
      (await post('/v1/submissions', 'application/rss+xml', `<rss>${'x'.repeat(5 * 1024 * 1024)}</rss>`)).status,
    ).toBe(413);
    const csv = await post('/v1/submissions', 'text/csv', 'a,b');
    expect(csv.status).toBe(415);
  });

  it('refuses JSON with $where/$gt keys, naming each, in canonical JSON and ninjs alike', async () => {
    const before = await ingestCounts(ctx);
    const story = { ...aSubmission(), $where: 'sleep(1000)', headline: { $gt: '' } };
    const answer = await post('/v1/submissions', 'application/json', JSON.stringify(story));
    expect(answer.status).toBe(400);
    expect((answer.body as unknown as ErrorBody).error.details.map((d) => d.path).sort()).toEqual([
      '$where',
      'headline.$gt',
    ]);
    const ninjs = await post(
      '/v1/submissions',
      'application/ninjs+json',
      JSON.stringify({ uri: 'x', headline: 'h', $where: '1' }),
    );
    expect(ninjs.status).toBe(400);
    expect(await ingestCounts(ctx)).toEqual(before);
  });

  it('cleans script and event-handler payloads out of every text field of every format', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const ninjs = {
      uri: 'hostile-ninjs-1',
      headline: `Budget vote ${payload}`,
      description_text: `Summary ${payload}`,
      body_html: `<p onclick="x()">Body</p>${payload}`,
      byline: `Reporter ${payload}`,
      keywords: [`tag ${payload}`],
      subject: [{ name: `Kabul ${payload}` }],
    };
    const answer = await post('/v1/submissions', 'application/ninjs+json', JSON.stringify(ninjs));
    expect(answer.status).toBe(202);
    const ingested = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    try {
      const [message] = await ingested.waitFor(1, (m) => m.key === answer.body.articleKey);
      const { data } = JSON.parse(message!.value) as { data: Record<string, unknown> };
      expect(JSON.stringify(data)).not.toMatch(/script|onerror|onclick|alert/i);
      expect(data).toMatchObject({ headline: 'Budget vote', summary: 'Summary', bylines: ['Reporter'] });
    } finally {
      await ingested.close();
    }
  });

  it('answers a batch item by item: accepted, duplicate, updated and rejected with reasons, neighbours unharmed', async () => {
    const a = aSubmission();
    const b = aSubmission();
    await post('/v1/submissions/batch', 'application/json', JSON.stringify({ items: [b] }));
    const items = [
      a,
      { ...a },
      { ...b, headline: 'Parliament rejects the budget' },
      { ...aSubmission(), headline: '<b></b>' },
      'not a story',
    ];
    const answer = await post(
      '/v1/submissions/batch',
      'application/json',
      JSON.stringify({ items: items.slice(0, 4) }),
    );
    expect(answer.status).toBe(207);
    const results = answer.body.results as Array<{ id: string; status: string; reasons?: Array<{ path: string }> }>;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'updated', 'rejected']);
    expect(results[3]!.reasons!.map((r) => r.path)).toEqual(['headline']);
    expect(answer.body.counts).toEqual({ accepted: 1, duplicate: 1, updated: 1, rejected: 1 });
    const rejected = await fetch(`${svc.ingest!.url}/v1/submissions/${results[3]!.id}`, {
      headers: { 'x-api-key': secrets.sourceApiKey },
    });
    expect(await rejected.json()).toMatchObject({
      status: 'rejected',
      channel: 'batch',
      reasons: [{ path: 'headline' }],
    });
    const notObject = await post('/v1/submissions/batch', 'application/json', JSON.stringify({ items }));
    expect(notObject.status).toBe(400);
  });

  it('takes 500 stories in one batch and refuses 501 before storing any', async () => {
    const five = Array.from({ length: 500 }, (_, i) =>
      aSubmission({ headline: `Archive story number ${i} of the import` }),
    );
    const answer = await post('/v1/submissions/batch', 'application/json', JSON.stringify({ items: five }));
    expect(answer.status).toBe(207);
    expect(answer.body.counts).toMatchObject({ accepted: 500, rejected: 0 });
    const before = await ingestCounts(ctx);
    const over = [...five, aSubmission()].map((s) => ({ ...s, externalId: `${s.externalId}-x` }));
    const refused = await post('/v1/submissions/batch', 'application/json', JSON.stringify({ items: over }));
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as ErrorBody).error.details).toEqual([
      { path: 'items', message: 'has 501 stories; at most 500' },
    ]);
    expect(await ingestCounts(ctx)).toEqual(before);
  });

  it('takes a batch over 1 MB up to its own 10 MB limit; a bigger batch, or a single story over 1 MB, is a 413', async () => {
    const paragraph = `<p>${'The provincial council met on Sunday to discuss the budget, the roads and the schools. '.repeat(6)}</p>`;
    const long = Array.from({ length: 500 }, (_, i) =>
      aSubmission({ headline: `Long archive story ${i}`, body: paragraph.repeat(9) }),
    );
    const body = JSON.stringify({ items: long });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    const answer = await post('/v1/submissions/batch', 'application/json', body);
    expect(answer.status).toBe(207);
    expect(answer.body.counts).toMatchObject({ accepted: 500, rejected: 0 });
    const before = await ingestCounts(ctx);
    const huge = JSON.stringify({ items: [aSubmission({ body: `<p>${'a'.repeat(11 * 1024 * 1024)}</p>` })] });
    const refused = await post('/v1/submissions/batch', 'application/json', huge);
    expect(refused.status).toBe(413);
    expect((refused.body as unknown as ErrorBody).error.details).toEqual([
      { path: 'body', message: `at most ${10 * 1024 * 1024} bytes` },
    ]);
    const single = await post('/v1/submissions', 'application/json', JSON.stringify(long[0]).padEnd(1_100_000, ' '));
    expect(single.status).toBe(413);
    expect(await ingestCounts(ctx)).toEqual(before);
  });

  it('takes a burst of Kafka submissions as one batch: new, changed, repeated and invalid stories each get their due', async () => {
    const ingested = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    const rejected = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.IngestRejected}`);
    try {
      const [a, b] = [aSubmission(), aSubmission()];
      const bad = { ...aSubmission(), headline: '<b></b>' };
      const burst = [a, b, bad, { ...a, headline: 'Parliament passes the budget' }, { ...b }];
      await producer.send({
        topic: `${ctx.prefix}${Topics.IngestSubmissions}`,
        messages: burst.map((s, i) => ({ key: s.externalId, value: submissionMessage(s, `burst-${i}`) })),
      });
      const mine = (m: { value: string }) => [a, b].some((s) => m.value.includes(`"wire:${s.externalId}"`));
      await ingested.waitFor(3, mine, 60_000);
      const [refusal] = await rejected.waitFor(1, (m) => m.value.includes(bad.externalId), 60_000);
      const events = (await ingested.readToEnd()).filter(mine).map((m) => JSON.parse(m.value) as IngestedEvent);
      expect(events.map((e) => [e.data.externalId, e.data.revision, e.correlationid]).sort()).toEqual(
        [
          [a.externalId, 1, 'burst-0'],
          [b.externalId, 1, 'burst-1'],
          [a.externalId, 2, 'burst-3'],
        ].sort(),
      );
      const { data, correlationid } = JSON.parse(refusal!.value) as {
        data: { original: unknown };
        correlationid: string;
      };
      expect({ original: data.original, correlationid }).toEqual({ original: bad, correlationid: 'burst-2' });
    } finally {
      await Promise.all([ingested.close(), rejected.close()]);
    }
  });

  it('puts a failed Kafka submission on ingest.rejected.v1 with its reasons and the original, and records it', async () => {
    const rejected = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.IngestRejected}`);
    try {
      const bad = { ...aSubmission(), headline: '&nbsp;', publishedAt: 'yesterday' };
      await producer.send({
        topic: `${ctx.prefix}${Topics.IngestSubmissions}`,
        messages: [{ key: bad.externalId, value: submissionMessage(bad) }],
      });
      const [message] = await rejected.waitFor(1, (m) => m.value.includes(bad.externalId));
      const { data } = JSON.parse(message!.value) as {
        data: { submissionId: string; reasons: Array<{ path: string }>; original: Record<string, unknown> };
      };
      expect(data.reasons.map((r) => r.path).sort()).toEqual(['headline', 'publishedAt']);
      expect(data.original).toEqual(bad);
      const res = await fetch(`${svc.ingest!.url}/v1/submissions/${data.submissionId}`, {
        headers: { 'x-api-key': secrets.sourceApiKey },
      });
      const record = (await res.json()) as Record<string, unknown>;
      expect(record).toMatchObject({ status: 'rejected', channel: 'kafka', externalId: bad.externalId });
      expect(Object.keys(record).filter((k) => /outbox|lease/i.test(k))).toEqual([]);
    } finally {
      await rejected.close();
    }
  });
});
