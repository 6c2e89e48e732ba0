import { deadLetterTopic, Topics } from '@broadsheet/contracts';
import { articleIndexName, createMeili } from '@broadsheet/search';
import {
  aSubmission,
  editorToken,
  PlatformClient,
  PlatformSecrets,
  privateStack,
  PrivateStack,
  ServiceName,
  serviceNames,
  ServiceProcess,
  startPlatform,
  submissionMessage,
  testContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { Kafka, logLevel } from 'kafkajs';
import { dependenciesOf } from './readiness';

const MINUTES = 60_000;

/**
 * The four services on a stack of this spec's own, whose dependencies it stops and starts: a
 * dependency's outage stalls the consumers that need it and shows in readiness, and nothing that
 * was sent in the meantime is dead-lettered or lost.
 */
describe('riding out outages', () => {
  let stack: PrivateStack;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let client: PlatformClient;

  beforeAll(async () => {
    stack = await privateStack(testContext('outage'), ['kafka', 'mongo', 'meilisearch']);
    ({ secrets, svc } = await startPlatform(stack.ctx, serviceNames));
    client = new PlatformClient(
      { ingest: svc.ingest!.url, editorial: svc.editorial!.url, delivery: svc.delivery!.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
  }, 2 * MINUTES);

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
    await stack?.stop();
  });

  const readiness = async (name: ServiceName): Promise<{ status: number; checks: Record<string, string> }> => {
    const res = await fetch(`${svc[name]!.url}/health/ready`);
    return { status: res.status, checks: ((await res.json()) as { checks: Record<string, string> }).checks };
  };
  const failing = async (name: ServiceName): Promise<string[]> => {
    const { status, checks } = await readiness(name);
    const bad = Object.keys(checks).filter((c) => checks[c] !== 'ok');
    return status === 503 ? bad : [];
  };
  const deadLetters = async (): Promise<number> => {
    let count = 0;
    for (const topic of [Topics.IngestSubmissions, Topics.ArticlesIngested, Topics.ArticlesContent]) {
      const reader = await TopicReader.open(stack.ctx.kafkaBrokers, `${stack.ctx.prefix}${deadLetterTopic(topic)}`);
      count += (await reader.readToEnd()).length;
      await reader.close();
    }
    return count;
  };
  const indexed = async (ids: string[]): Promise<number> => {
    const index = createMeili(stack.ctx.meiliUrl, stack.ctx.meiliMasterKey).index(articleIndexName(stack.ctx.prefix));
    const { results } = await index.getDocuments<{ id: string }>({ fields: ['id'], limit: 10_000 });
    const present = new Set(results.map((d) => d.id));
    return ids.filter((id) => present.has(id)).length;
  };
  const until = (at: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

  it('checks every dependency of every service in readiness', async () => {
    for (const name of serviceNames) {
      const { status, checks } = await readiness(name);
      expect(status).toBe(200);
      expect(Object.keys(checks).sort()).toEqual(dependenciesOf(name));
    }
  });

  it(
    'keeps 200 stories published while Meilisearch is down for 30 s: none dead-lettered, all searchable after',
    async () => {
      const accepted = [];
      for (let i = 0; i < 200; i++) accepted.push(await client.submit(aSubmission({ headline: `Outage story ${i}` })));
      const drafts = [
        ...(
          await client.drafts(
            accepted.map((a) => a.articleKey),
            2 * MINUTES,
          )
        ).values(),
      ];

      const meili = stack.dependency('meilisearch');
      await meili.stop();
      const back = Date.now() + 30_000;
      for (const draft of drafts) await client.publish(draft.id);
      expect(
        await waitFor(
          async () => (await failing('search-index')).includes('meilisearch') || undefined,
          'search-index unready',
        ),
      ).toBe(true);
      expect(await failing('delivery')).toContain('meilisearch');
      await waitFor(
        async () => (await failing('search-index')).includes('kafka-consumer') || undefined,
        'a stalled consumer in readiness',
      );
      await until(back);
      await meili.start();

      const ids = drafts.map((d) => d.id);
      await waitFor(
        async () => ((await indexed(ids)) === ids.length ? true : undefined),
        'all 200 in the index',
        3 * MINUTES,
        500,
      );
      expect(await deadLetters()).toBe(0);
      await waitFor(
        async () => ((await readiness('search-index')).status === 200 ? true : undefined),
        'search-index ready',
      );
    },
    8 * MINUTES,
  );

  it(
    'takes every story sent over Kafka while the store is down for 20 s: none dead-lettered, none lost',
    async () => {
      const producer = new Kafka({ brokers: [stack.ctx.kafkaBrokers], logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      const stories = Array.from({ length: 50 }, (_, i) =>
        aSubmission({ headline: `Sent during a store outage ${i}` }),
      );
      const store = stack.dependency('mongo');
      try {
        await store.stop();
        const back = Date.now() + 20_000;
        await producer.send({
          topic: `${stack.ctx.prefix}${Topics.IngestSubmissions}`,
          messages: stories.map((s) => ({ key: `wire:${s.externalId}`, value: submissionMessage(s) })),
        });
        await waitFor(async () => (await failing('ingest')).includes('mongo') || undefined, 'ingest unready');
        await until(back);
        await store.start();
      } finally {
        await producer.disconnect();
      }
      const drafts = await client.drafts(
        stories.map((s) => `wire:${s.externalId}`),
        3 * MINUTES,
      );
      expect(drafts.size).toBe(50);
      expect(await deadLetters()).toBe(0);
    },
    8 * MINUTES,
  );

  it(
    'loses nothing written while the broker restarts',
    async () => {
      const before = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.submit(aSubmission({ headline: `Before the broker restart ${i}` })),
        ),
      );
      const drafts = [...(await client.drafts(before.map((a) => a.articleKey))).values()];
      const broker = stack.dependency('kafka');
      await broker.stop();
      for (const draft of drafts) await client.publish(draft.id);
      const during = [];
      for (let i = 0; i < 10; i++)
        during.push(await client.submit(aSubmission({ headline: `During the broker restart ${i}` })));
      await broker.start();

      const ids = drafts.map((d) => d.id);
      await waitFor(
        async () => ((await indexed(ids)) === ids.length ? true : undefined),
        'the 10 published in the index',
        3 * MINUTES,
        500,
      );
      const arrived = await client.drafts(
        during.map((a) => a.articleKey),
        3 * MINUTES,
      );
      expect(arrived.size).toBe(10);
      expect(await deadLetters()).toBe(0);
    },
    8 * MINUTES,
  );
});
