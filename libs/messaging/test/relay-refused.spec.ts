import { DomainError, DomainEvent, MAX_EVENT_BYTES, Topics } from '@broadsheet/contracts';
import { EventProducer, OutboxStore, RefusedOutbox } from '@broadsheet/messaging';
import { Metrics } from '@broadsheet/observability';
import { openConnection } from '@broadsheet/persistence';
import {
  anIngestedEvent,
  createTopicLimitedTo,
  headlinesByKey,
  testContext,
  TestContext,
  TopicReader,
} from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { aCollection, Aggregate, producerFor, relayOver } from './relay-fixtures';

/** A broker whose topic takes at most this many bytes per message: small events pass, a big one is refused. */
const topicLimit = 4_096;

/** An `article.ingested` event well over the topic's limit, yet under the producer's own (MAX_EVENT_BYTES). */
function aBigEvent(headline: string, key: string): DomainEvent {
  const event = anIngestedEvent(headline, key);
  return { ...event, data: { ...event.data, body: `<p>${'x'.repeat(3 * topicLimit)}</p>` } } as DomainEvent;
}

/**
 * Nothing undeliverable is written, and an entry the real broker refuses for good anyway is set aside for an
 * operator; everything else still goes out, in order.
 */
describe('outbox relay and entries Kafka refuses', () => {
  let ctx: TestContext;
  let connection: Connection;
  let producer: EventProducer;
  let topic: TopicReader;
  let store: OutboxStore;

  beforeAll(async () => {
    ctx = testContext('refused');
    await createTopicLimitedTo(ctx, Topics.ArticlesIngested, topicLimit);
    connection = await openConnection({ url: ctx.mongoUrl, dbName: `${ctx.prefix}db` });
    producer = producerFor(ctx.kafkaBrokers, ctx.prefix);
    topic = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
    store = new OutboxStore(relayOver(connection, 'none', producer));
  });

  afterAll(async () => {
    await topic?.close();
    await producer?.onApplicationShutdown();
    await connection?.close();
  });

  it('moves a refused entry to outboxRejected with the reason, counts it, and delivers its neighbours in order', async () => {
    const collection = aCollection('refused');
    const aggregates = connection.collection<Aggregate>(collection);
    const [a, b] = [`wire:${randomUUID()}`, `wire:${randomUUID()}`];
    const big = aBigEvent('too big', a);
    await store.insert(aggregates, { _id: a }, [anIngestedEvent('before', a)]);
    await store.update(aggregates, { _id: a }, { $set: { state: 'edited' } }, [big, anIngestedEvent('after', a)]);
    await store.insert(aggregates, { _id: b }, [anIngestedEvent('neighbour', b)]);
    const metrics = new Metrics();

    expect(await relayOver(connection, collection, producer, {}, metrics).drainAll()).toBe(3);

    const byKey = headlinesByKey(await topic.readToEnd());
    expect(byKey.get(a)).toEqual(['before', 'after']);
    // The refused request may have landed on b's partition before the relay split it (at least once, as
    // after any failed send); a's partition refused its records whole, so a's order is exact.
    expect([...new Set(byKey.get(b))]).toEqual(['neighbour']);
    const doc = await aggregates.findOne({ _id: a });
    expect(doc).toMatchObject({ outbox: [], outboxPending: false, state: 'edited' });
    expect(doc?.outboxRejected?.map((e) => ({ id: e.id, topic: e.topic, key: e.key }))).toEqual([
      { id: big.id, topic: Topics.ArticlesIngested, key: a },
    ]);
    expect(doc?.outboxRejected?.[0]?.error).toMatch(/^MESSAGE_TOO_LARGE/);
    const counted = await metrics.registry.getSingleMetricAsString('outbox_events_refused_total');
    expect(counted).toContain(`outbox_events_refused_total{topic="${Topics.ArticlesIngested}"} 1`);
    // What the admin route lists for an operator: where it sits, why, and how big it was.
    const { items } = await new RefusedOutbox(connection, [collection]).list(10);
    expect(items).toEqual([
      expect.objectContaining({
        collection,
        documentId: a,
        id: big.id,
        type: 'article.ingested',
        error: expect.stringMatching(/^MESSAGE_TOO_LARGE/),
        bytes: expect.any(Number),
      }),
    ]);
    expect(items[0]!.bytes).toBeGreaterThan(topicLimit);
  });

  it('refuses to write an event over MAX_EVENT_BYTES: a 413 naming the field, and the document is unchanged', async () => {
    const aggregates = connection.collection<Aggregate>(aCollection('unwritten'));
    const key = `wire:${randomUUID()}`;
    const event = anIngestedEvent('huge', key);
    const huge = { ...event, data: { ...event.data, body: 'x'.repeat(MAX_EVENT_BYTES) } } as DomainEvent;
    await store.insert(aggregates, { _id: key, state: 'first' }, []);

    const update = store.update(aggregates, { _id: key }, { $set: { state: 'edited' } }, [huge]);
    await expect(update).rejects.toBeInstanceOf(DomainError);
    await expect(update).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ path: 'body' }] });
    await expect(store.insert(aggregates, { _id: `${key}-2` }, [huge])).rejects.toBeInstanceOf(DomainError);

    expect(await aggregates.findOne({ _id: key })).toMatchObject({ state: 'first', outbox: [], outboxPending: false });
    expect(await aggregates.countDocuments()).toBe(1);
  });

  it('never retries a refused entry', async () => {
    const collection = aCollection('once');
    const aggregates = connection.collection<Aggregate>(collection);
    const key = `wire:${randomUUID()}`;
    await store.insert(aggregates, { _id: key }, [aBigEvent('refused once', key)]);

    expect(await relayOver(connection, collection, producer).drainAll()).toBe(0);
    expect(await relayOver(connection, collection, producer).drainAll()).toBe(0);

    const doc = await aggregates.findOne({ _id: key });
    expect(doc).toMatchObject({ outbox: [], outboxPending: false });
    expect(doc?.outboxRejected).toHaveLength(1);
    expect(headlinesByKey(await topic.readToEnd()).get(key)).toBeUndefined();
  });
});
