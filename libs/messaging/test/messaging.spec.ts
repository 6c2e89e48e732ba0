import { INestApplication } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { DomainEvent, EventCatalog, EventTypes, makeEnvelope, Topics, deadLetterTopic } from '@broadsheet/contracts';
import {
  connectKafkaConsumer,
  EventProducer,
  KafkaConsumer,
  MessagingModule,
  OutboxRelay,
  toOutboxEntry,
  withOutbox,
} from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { KeyedSerializer, MONGO_CONNECTION, MongoModule } from '@broadsheet/persistence';
import { aSubmission, createTopics, testContext, TestContext, TopicReader, waitFor } from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';

const ingested = (headline: string, key = `wire:${randomUUID()}`): DomainEvent => {
  const s = aSubmission({ headline });
  return makeEnvelope({
    type: EventTypes.ArticleIngested,
    source: '/ingest',
    subject: key,
    dataschema: EventCatalog[EventTypes.ArticleIngested].dataschema,
    correlationId: randomUUID(),
    data: {
      ...s,
      articleKey: key,
      source: 'wire',
      revision: 1,
      categoryLabel: s.category,
      contentHash: 'h',
      bylines: [],
      tags: [],
      images: [],
      language: 'en',
    },
  }) as DomainEvent;
};

/** Fails on command, so the test can watch retries and dead-lettering. */
@KafkaConsumer()
class ProbeConsumer {
  readonly handled: string[] = [];
  readonly attempts = new Map<string, number>();

  @EventPattern(Topics.ArticlesIngested)
  handle(@Payload() event: DomainEvent): void {
    if (event.type !== EventTypes.ArticleIngested) return;
    const { headline } = event.data;
    const n = (this.attempts.get(headline) ?? 0) + 1;
    this.attempts.set(headline, n);
    if (headline.startsWith('always fails')) throw new Error(`boom on ${headline}`);
    if (headline.startsWith('fails twice') && n <= 2) throw new Error('transient');
    this.handled.push(headline);
  }
}

describe('messaging against the real Kafka and Mongo store', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let probe: ProbeConsumer;
  let producer: EventProducer;
  let dlq: TopicReader;

  beforeAll(async () => {
    ctx = testContext('msg');
    await createTopics(ctx);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({}),
        MongoModule.forRoot({ url: ctx.mongoUrl, dbName: `${ctx.prefix}db` }),
        MessagingModule.forRoot({
          clientId: 'messaging-spec',
          brokers: ctx.kafkaBrokers.split(','),
          topicPrefix: ctx.prefix,
          outbox: { collections: ['aggregates'], pollMs: 60_000, leaseMs: 30_000, enabled: false },
          consumer: {
            groupId: `${ctx.prefix}probe`,
            maxAttempts: 3,
            backoffMs: 50,
            partitionsConcurrently: 3,
            fromBeginning: true,
          },
        }),
      ],
      controllers: [ProbeConsumer],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    connectKafkaConsumer(app);
    await app.init();
    await app.startAllMicroservices();
    probe = app.get(ProbeConsumer);
    producer = app.get(EventProducer);
    dlq = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${deadLetterTopic(Topics.ArticlesIngested)}`);
  });

  afterAll(async () => {
    await dlq?.close();
    await app?.close();
  });

  const publish = (events: DomainEvent[]) => producer.publish(events.map(toOutboxEntry));

  it('retries a failing handler with backoff and commits once it succeeds', async () => {
    await publish([ingested('fails twice then works')]);
    await waitFor(() => (probe.handled.includes('fails twice then works') ? true : undefined), 'the retried message');
    expect(probe.attempts.get('fails twice then works')).toBe(3);
  });

  it('dead-letters what still fails, with the error and the original key, and moves on', async () => {
    const bad = ingested('always fails: poison');
    await publish([bad, ingested('after the poison')]);
    const [letter] = await dlq.waitFor(1, (m) => m.key === bad.subject);
    expect(letter!.headers['dlq-error']).toBe('boom on always fails: poison');
    expect(letter!.headers['dlq-attempts']).toBe('3');
    expect(letter!.headers['dlq-original-topic']).toBe(Topics.ArticlesIngested);
    expect(JSON.parse(letter!.value)).toMatchObject({ id: bad.id });
    await waitFor(() => (probe.handled.includes('after the poison') ? true : undefined), 'the next message');
  });

  it('dead-letters a message that is not a valid event without calling the handler', async () => {
    const before = probe.attempts.size;
    await producer.sendRaw(Topics.ArticlesIngested, [{ key: 'junk-1', value: '{"not":"an event"', headers: {} }]);
    const [letter] = await dlq.waitFor(1, (m) => m.key === 'junk-1');
    expect(letter!.headers['dlq-error-code']).toBe('VALIDATION_FAILED');
    expect(letter!.value).toBe('{"not":"an event"');
    expect(probe.attempts.size).toBe(before);
  });

  describe('outbox relay', () => {
    let connection: Connection;
    let content: TopicReader;

    beforeAll(async () => {
      connection = app.get<Connection>(MONGO_CONNECTION);
      content = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    });
    afterAll(() => content.close());

    const relay = (leaseMs = 30_000) =>
      new OutboxRelay(
        connection,
        producer,
        { collections: ['aggregates'], pollMs: 60_000, leaseMs, enabled: false },
        new KeyedSerializer(),
      );

    it('publishes an aggregate’s events in order, keyed by it, and never again after a restart', async () => {
      const key = `wire:${randomUUID()}`;
      const events = [ingested('first', key), ingested('second', key), ingested('third', key)];
      await connection
        .collection('aggregates')
        .insertOne({ _id: key as never, outbox: events.slice(0, 2).map(toOutboxEntry), outboxPending: true });
      await connection
        .collection('aggregates')
        .updateOne({ _id: key as never }, withOutbox({ $set: { state: 'changed' } }, [events[2]!]));

      expect(await relay().drainAll()).toBe(3);
      const got = await content.waitFor(3, (m) => m.key === key);
      expect(got.map((m) => (JSON.parse(m.value) as { data: { headline: string } }).data.headline)).toEqual([
        'first',
        'second',
        'third',
      ]);
      expect(new Set(got.map((m) => m.partition)).size).toBe(1);

      expect(await relay().drainAll()).toBe(0);
      const doc = await connection.collection('aggregates').findOne({ _id: key as never });
      expect(doc).toMatchObject({ outbox: [], outboxPending: false, state: 'changed' });
    });

    it('leaves a document leased by one relay to that relay until the lease expires', async () => {
      const key = `wire:${randomUUID()}`;
      await connection.collection('aggregates').insertOne({ _id: key as never, outbox: [], outboxPending: false });
      await connection
        .collection('aggregates')
        .updateOne({ _id: key as never }, withOutbox({}, [ingested('leased', key)]));
      await connection
        .collection('aggregates')
        .updateOne(
          { _id: key as never },
          { $set: { outboxLeaseUntil: new Date(Date.now() + 60_000), outboxLeaseOwner: 'a-dead-relay' } },
        );
      expect(await relay().drainAll()).toBe(0);
      await connection
        .collection('aggregates')
        .updateOne({ _id: key as never }, { $set: { outboxLeaseUntil: new Date(Date.now() - 1) } });
      expect(await relay().drainAll()).toBe(1);
      await content.waitFor(1, (m) => m.key === key);
    });
  });
});
