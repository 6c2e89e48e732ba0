import { deadLetterTopic, Topics } from '@broadsheet/contracts';
import {
  anIngestedEvent,
  aSubmission,
  editorToken,
  PlatformClient,
  PlatformSecrets,
  ReadMessage,
  ServiceName,
  serviceNames,
  ServiceProcess,
  startPlatform,
  submissionMessage,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { contentCases, contentEvent, HostileCase, ingestedCases, submissionCases } from './kafka-hostile-cases';
import { expectedChecks } from './readiness';

/**
 * Hostile messages on every consumed topic, each produced to partition 0 before one valid message.
 * Once the valid message's effect is visible, every hostile one before it has been handled, and each
 * must be accounted for exactly once per consumer group: a dead letter with its reason and origin, a
 * rejection on ingest.rejected.v1 with the story's reasons, or, for a tombstone on the compacted content
 * log, a skip (compaction data, not an event) that the consumer counts. A content event whose key,
 * subject and article id disagree is dead-lettered, never applied (compaction files it under its key).
 * Reading the dead-letter and rejected topics to their end offsets shows nothing else arrived.
 */
describe('hostile Kafka messages on every consumed topic', () => {
  const run = randomUUID().slice(0, 8);
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<ServiceName, ServiceProcess>;
  let producer: Producer;
  const readers = new Map<string, TopicReader>();

  beforeAll(async () => {
    ctx = testContext('hostile');
    ({ secrets, svc } = await startPlatform(ctx, serviceNames));
    producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    for (const t of [Topics.IngestSubmissions, Topics.ArticlesIngested, Topics.ArticlesContent])
      readers.set(t, await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${deadLetterTopic(t)}`));
    readers.set(
      Topics.IngestRejected,
      await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.IngestRejected}`),
    );
  });

  afterAll(async () => {
    if (process.env.SHOW_SERVICE_LOGS)
      for (const s of Object.values(svc ?? {})) process.stdout.write(`--- ${s.name}\n${s.output.join('')}\n`);
    await Promise.all([...readers.values()].map((r) => r.close()));
    await producer?.disconnect();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const client = (): PlatformClient =>
    new PlatformClient(
      { ingest: svc.ingest.url, editorial: svc.editorial.url, delivery: svc.delivery.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
  const caseId = (topic: string, c: HostileCase): string => `hostile-${run}:${topic}:${c.name}`;
  const group = (service: ServiceName): string => `${ctx.prefix}${service}`;

  /** Produces the cases, then the valid message, all to partition 0; returns each case's offset. */
  async function produce(topic: string, cases: HostileCase[], valid: { key: string; value: string }) {
    const offsets = new Map<string, string>();
    for (const c of cases) {
      const [sent] = await producer.send({
        topic: `${ctx.prefix}${topic}`,
        messages: [{ partition: 0, key: c.key, value: c.value, headers: { 'correlation-id': caseId(topic, c) } }],
      });
      offsets.set(c.name, sent!.baseOffset!);
    }
    await producer.send({ topic: `${ctx.prefix}${topic}`, messages: [{ partition: 0, ...valid }] });
    return offsets;
  }

  /** Each case once per consumer group, where it was expected, with its reason and origin. */
  async function accountFor(topic: string, cases: HostileCase[], groups: ServiceName[], offsets: Map<string, string>) {
    const ours = (m: ReadMessage): boolean => correlationOf(m).startsWith(`hostile-${run}:${topic}:`);
    const rejectedCount = cases.filter((c) => c.expected === 'rejected').length;
    // Rejections go out through ingest's outbox, after the valid story may already be a draft: wait for them.
    if (rejectedCount > 0) await readers.get(Topics.IngestRejected)!.waitFor(rejectedCount, ours);
    const letters = (await readers.get(topic)!.readToEnd()).filter(ours);
    const rejections = (await readers.get(Topics.IngestRejected)!.readToEnd()).filter(ours);
    const of = (c: HostileCase) => (m: ReadMessage) => correlationOf(m) === caseId(topic, c);
    const endings = (c: HostileCase, service: ServiceName): string[] => [
      ...letters.filter((l) => of(c)(l) && l.headers['dlq-consumer-group'] === group(service)).map(() => 'dlq'),
      ...rejections.filter(of(c)).map(() => 'rejected'),
    ];
    const rows = (ended: (c: HostileCase, service: ServiceName) => string[]) =>
      cases.flatMap((c) => groups.map((service) => ({ case: c.name, group: service, ended: ended(c, service) })));
    expect(rows(endings)).toEqual(rows((c) => (c.expected === 'skipped' ? [] : [c.expected])));
    for (const c of cases.filter((x) => x.expected === 'dlq'))
      for (const letter of letters.filter(of(c))) expectDeadLetter(topic, c, letter, offsets.get(c.name));
    for (const c of cases.filter((x) => x.expected === 'rejected')) {
      const { reasons } = (JSON.parse(rejections.find(of(c))!.value) as { data: { reasons: Array<{ path: string }> } })
        .data;
      expect({ case: c.name, paths: reasons.map((r) => r.path).join(',') }).toEqual({
        case: c.name,
        paths: expect.stringMatching(c.reason),
      });
    }
  }

  const validKeys: string[] = [];

  it('ingest dead-letters or rejects each hostile submission and still takes the valid one after them', async () => {
    const story = aSubmission({ headline: 'Wire story after the hostile ones' });
    const cases = submissionCases();
    const offsets = await produce(Topics.IngestSubmissions, cases, {
      key: `wire:${story.externalId}`,
      value: submissionMessage(story),
    });
    validKeys.push(`wire:${story.externalId}`);
    expect((await client().drafts([`wire:${story.externalId}`])).size).toBe(1);
    await accountFor(Topics.IngestSubmissions, cases, ['ingest'], offsets);
  });

  it('editorial dead-letters each hostile ingested event and still makes the valid one a draft', async () => {
    const key = `wire:${randomUUID()}`;
    const cases = ingestedCases();
    const offsets = await produce(Topics.ArticlesIngested, cases, {
      key,
      value: JSON.stringify(anIngestedEvent('Desk story after the hostile ones', key)),
    });
    validKeys.push(key);
    expect((await client().drafts([key])).size).toBe(1);
    await accountFor(Topics.ArticlesIngested, cases, ['editorial'], offsets);
  });

  const hidden = { subject: 'Quokkasubject', key: 'Wombatkey', operators: 'Numbatoperator' };

  it('delivery and search-index dead-letter each hostile content event, skip a tombstone, and keep going', async () => {
    const id = randomUUID();
    const valid = contentEvent(id, 'Zebracorn story after the hostile ones');
    const cases = contentCases(hidden);
    const offsets = await produce(Topics.ArticlesContent, cases, { key: id, value: JSON.stringify(valid) });
    const slug = (valid.data as { article: { slug: string } }).article.slug;
    await waitFor(
      async () => ((await client().delivery(`/v1/articles/${slug}`)).status === 200 ? true : undefined),
      'the valid article at delivery',
    );
    await waitFor(
      async () => ((await client().searchIds('zebracorn')).includes(id) ? true : undefined),
      'the valid article in search',
    );
    await accountFor(Topics.ArticlesContent, cases, ['delivery', 'search-index'], offsets);
    // The tombstone is skipped on purpose, and counted so: once by each content-log consumer.
    for (const s of [svc.delivery, svc['search-index']]) {
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect({ service: s.name, tombstones: tombstoneCount(metrics) }).toEqual({ service: s.name, tombstones: 1 });
    }
    // Nothing hostile became readable: the read model holds the valid article alone.
    const list = (await (await client().delivery('/v1/articles?limit=50')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((a) => a.id)).toEqual([id]);
    for (const word of Object.values(hidden))
      expect({ word, hits: await client().searchIds(word) }).toEqual({ word, hits: [] });
  });

  it('made drafts of the valid stories alone, and every service is still ready', async () => {
    const res = await client().editorial('/v1/articles?limit=100');
    const { items } = (await res.json()) as { items: Array<{ articleKey: string }> };
    expect(items.map((a) => a.articleKey).sort()).toEqual([...validKeys].sort());
    for (const s of Object.values(svc)) {
      const ready = await fetch(`${s.url}/health/ready`);
      expect({ service: s.name, status: ready.status, body: await ready.json() }).toEqual({
        service: s.name,
        status: 200,
        body: { status: 'ok', checks: expectedChecks(s.name) },
      });
    }
  });
});

/** A dead letter names its reason and where it came from, and keeps the original value. */
function expectDeadLetter(topic: string, c: HostileCase, letter: ReadMessage, offset: string | undefined): void {
  expect({ case: c.name, ...letter.headers }).toMatchObject({
    case: c.name,
    'dlq-error-code': 'VALIDATION_FAILED',
    'dlq-error': expect.stringMatching(c.reason),
    'dlq-original-topic': topic,
    'dlq-original-partition': '0',
    'dlq-original-offset': offset,
  });
  expect({ case: c.name, value: letter.value }).toEqual({ case: c.name, value: (c.value ?? '').toString() });
}

function correlationOf(m: ReadMessage): string {
  if (m.headers['dlq-consumer-group'] !== undefined) return m.headers['correlation-id'] ?? '';
  try {
    const { correlationid } = JSON.parse(m.value) as { correlationid?: unknown };
    return typeof correlationid === 'string' ? correlationid : '';
  } catch {
    return '';
  }
}

function tombstoneCount(metrics: string): number {
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith('kafka_messages_consumed_total{') &&
        l.includes('outcome="tombstone"') &&
        l.includes(`topic="${Topics.ArticlesContent}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}
