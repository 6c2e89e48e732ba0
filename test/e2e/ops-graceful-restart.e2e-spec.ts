import { deadLetterTopic, Submission, Topics } from '@broadsheet/contracts';
import {
  aSubmission,
  createTopics,
  editorToken,
  outboxesDrained,
  platformSecrets,
  PlatformSecrets,
  ServiceName,
  serviceNames,
  ServiceProcess,
  serviceEnv,
  submissionMessage,
  TestContext,
  testContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Balancer, request } from './ops/balancer';

const GRACE_MS = 15_000;
const MINUTES = 60_000;
/** Stories keep coming until every service has been restarted once, and at least this many. */
const MIN_STORIES = 24;
const stopEnv = { SHUTDOWN_GRACE_MS: String(GRACE_MS), SHUTDOWN_DRAIN_MS: '1500' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each service gets SIGTERM in turn while stories flow in (half over HTTP, half over Kafka), editors
 * publish them and readers read: readiness turns false first, the process exits 0 within the grace,
 * no request that reached a service fails, and every event is on its topic exactly once.
 */
describe('graceful restarts while stories flow', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let producer: Producer;
  const lb = {} as Record<ServiceName, Balancer>;
  const word = `zq${randomBytes(3).toString('hex')}`;
  const env = (name: ServiceName) => ({ ...serviceEnv(name, ctx, secrets), ...stopEnv });

  beforeAll(async () => {
    ctx = testContext('ops_restart');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    const started = await Promise.allSettled(serviceNames.map((n) => ServiceProcess.start(n, env(n))));
    for (const s of started) if (s.status === 'fulfilled') lb[s.value.name] = new Balancer(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    producer = new Kafka({ brokers: [ctx.kafkaBrokers], logLevel: logLevel.NOTHING }).producer({ idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(Object.values(lb).map((b) => b.close()));
    await Promise.all(Object.values(lb).map((b) => b.service.stop()));
  });

  const auth = () => ({ authorization: `Bearer ${editorToken(secrets)}`, 'content-type': 'application/json' });

  /** SIGTERM: readiness goes 503 while liveness still answers, then a clean exit within the grace. */
  async function restart(name: ServiceName): Promise<number> {
    const old = lb[name].service;
    const signalled = Date.now();
    process.kill(old.pid!, 'SIGTERM');
    await waitFor(
      async () => ((await request(`${old.url}/health/ready`, 'GET', {})).status === 503 ? true : undefined),
      `${name} readiness to turn false`,
      5_000,
      50,
    );
    expect((await request(`${old.url}/health/live`, 'GET', {})).status).toBe(200);
    expect(await old.waitExit()).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeLessThan(GRACE_MS);
    lb[name].replace(await ServiceProcess.start(name, env(name)));
    return took;
  }

  async function submitAll(stories: Submission[], flowing: () => boolean): Promise<void> {
    for (let i = 0; flowing() || i < MIN_STORIES; i += 1) {
      const story = aSubmission({ headline: `Restart story ${word} number ${i}`, tags: [word] });
      stories.push(story);
      if (i % 2 === 0) {
        const answer = await lb.ingest.send(
          'POST',
          '/v1/submissions',
          { 'x-api-key': secrets.sourceApiKey, 'content-type': 'application/json' },
          JSON.stringify(story),
        );
        expect(answer.status).toBe(202);
      } else {
        const value = submissionMessage(story);
        await producer.send({
          topic: `${ctx.prefix}${Topics.IngestSubmissions}`,
          messages: [{ key: `wire:${story.externalId}`, value }],
        });
      }
      await sleep(250);
    }
  }

  /** Publishes every story's draft as it reaches the desk; returns article id by article key. */
  async function publishAll(stories: Submission[], flowing: () => boolean): Promise<Map<string, string>> {
    const published = new Map<string, string>();
    const deadline = Date.now() + 4 * MINUTES;
    while (flowing() || published.size < stories.length) {
      if (Date.now() > deadline) throw new Error(`published ${published.size} of ${stories.length}`);
      const wanted = new Set(stories.map((s) => `wire:${s.externalId}`));
      const page = await lb.editorial.send('GET', '/v1/articles?status=draft&limit=100', auth());
      const { items } = JSON.parse(page.body) as { items: Array<{ id: string; articleKey: string }> };
      for (const draft of items.filter((d) => wanted.has(d.articleKey) && !published.has(d.articleKey))) {
        const answer = await lb.editorial.send('POST', `/v1/articles/${draft.id}/publish`, auth());
        expect(answer.status).toBe(200);
        published.set(draft.articleKey, draft.id);
      }
      await sleep(300);
    }
    return published;
  }

  async function readAll(flowing: () => boolean): Promise<void> {
    while (flowing()) {
      expect((await lb.delivery.send('GET', `/v1/articles?tag=${word}&limit=50`)).status).toBe(200);
      await sleep(200);
    }
  }

  /** How many of the run's stories delivery lists, page after page. */
  async function listedAtDelivery(): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page = await lb.delivery.send(
        'GET',
        `/v1/articles?tag=${word}&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = JSON.parse(page.body) as { items: unknown[]; nextCursor: string | null };
      count += body.items.length;
      cursor = body.nextCursor;
    } while (cursor);
    return count;
  }

  const readTopic = async (topic: string) => {
    const reader = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${topic}`);
    try {
      return await reader.readToEnd();
    } finally {
      await reader.close();
    }
  };

  it(
    'restarts each service in turn: nothing lost, nothing twice, no accepted request failed',
    async () => {
      const stories: Submission[] = [];
      let flowing = true;
      const isFlowing = () => flowing;
      const submitting = submitAll(stories, isFlowing);
      const publishing = publishAll(stories, isFlowing);
      const reading = readAll(isFlowing);
      const stops: Record<string, number> = {};
      try {
        await sleep(2_000);
        for (const name of serviceNames) {
          stops[name] = await restart(name);
          await sleep(1_000);
        }
      } finally {
        flowing = false;
      }
      await Promise.all([submitting, reading]);
      const published = await publishing;
      process.stdout.write(`stops (ms): ${JSON.stringify(stops)}; stories: ${stories.length}\n`);

      expect(Object.values(lb).flatMap((b) => b.failures)).toEqual([]);
      await outboxesDrained(ctx.mongoUrl, `${ctx.prefix}ingest`, ['stories', 'submissions']);
      await outboxesDrained(ctx.mongoUrl, `${ctx.prefix}editorial`, ['articles']);

      const keys = stories.map((s) => `wire:${s.externalId}`);
      const ingested = await readTopic(Topics.ArticlesIngested);
      for (const key of keys) expect([key, ingested.filter((m) => m.key === key).length]).toEqual([key, 1]);
      const content = await readTopic(Topics.ArticlesContent);
      for (const id of published.values()) {
        const events = content.filter((m) => m.key === id).map((m) => m.headers['ce-type']);
        expect([id, events]).toEqual([id, ['article.published']]);
      }
      for (const topic of [Topics.IngestSubmissions, Topics.ArticlesIngested, Topics.ArticlesContent]) {
        expect([topic, (await readTopic(deadLetterTopic(topic))).length]).toEqual([topic, 0]);
      }

      // Both readers of the content log hold every published story.
      await waitFor(
        async () => ((await listedAtDelivery()) === stories.length ? true : undefined),
        'delivery to list every story',
        MINUTES,
        500,
      );
      await waitFor(
        async () => {
          const found = await lb.delivery.send('GET', `/v1/search?q=${word}&limit=1`);
          return (JSON.parse(found.body) as { totalHits: number }).totalHits === stories.length || undefined;
        },
        'search to find every story',
        MINUTES,
      );
    },
    10 * MINUTES,
  );
});
