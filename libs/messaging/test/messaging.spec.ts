import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Topics } from '@broadsheet/contracts';
import {
  EventProducer,
  MessagingModule,
  OutboxDocument,
  OutboxRelay,
  OutboxStore,
  withOutbox,
} from '@broadsheet/messaging';
import { Metrics, ObservabilityModule } from '@broadsheet/observability';
import { MONGO_CONNECTION, MongoModule } from '@broadsheet/persistence';
import { anIngestedEvent, createTopics, testContext, TestContext, TopicReader } from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';

describe('messaging against the real Kafka and Mongo store', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let producer: EventProducer;

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
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    producer = app.get(EventProducer);
  });

  afterAll(async () => {
    await app?.close();
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
        app.get(Metrics),
      );

    it('publishes an aggregate’s events in order, keyed by it, and never again after a restart', async () => {
      const key = `wire:${randomUUID()}`;
      const events = [anIngestedEvent('first', key), anIngestedEvent('second', key), anIngestedEvent('third', key)];
      const aggregates = connection.collection<OutboxDocument & { state?: string }>('aggregates');
      const store = app.get(OutboxStore);
      await store.insert(aggregates, { _id: key }, events.slice(0, 2));
      await store.update(aggregates, { _id: key }, { $set: { state: 'changed' } }, [events[2]!]);

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
        .updateOne({ _id: key as never }, withOutbox({}, [anIngestedEvent('leased', key)]));
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
