import { Topics } from '@broadsheet/contracts';
import { EventProducer, OutboxPublisher, OutboxStore } from '@broadsheet/messaging';
import { openConnection } from '@broadsheet/persistence';
import {
  anIngestedEvent,
  createTopics,
  freePorts,
  headlinesByKey,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { aCollection, Aggregate, counting, producerFor, relayOver } from './relay-fixtures';

/** The outbox relay against the shared Kafka and Mongo store: batching, leases, two relays, shutdown. */
describe('outbox relay', () => {
  let ctx: TestContext;
  let connection: Connection;
  let producer: EventProducer;
  let topic: TopicReader;
  /** Writes like a repository does; its relay is off, so only the test's relays publish. */
  let store: OutboxStore;

  beforeAll(async () => {
    ctx = testContext('relay');
    await createTopics(ctx);
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

  /** Writes one event per headline for each key, in order: the first with the insert, then one update each. */
  async function write(collection: string, keys: string[], headlines: string[]): Promise<void> {
    const aggregates = connection.collection<Aggregate>(collection);
    await Promise.all(
      keys.map(async (key) => {
        const [first, ...rest] = headlines.map((h) => anIngestedEvent(h, key));
        await store.insert(aggregates, { _id: key }, [first!]);
        for (const event of rest) await store.update(aggregates, { _id: key }, { $set: { state: 'changed' } }, [event]);
      }),
    );
  }

  const outboxOf = async (collection: string, key: string) =>
    (await connection.collection<Aggregate>(collection).findOne({ _id: key }))?.outbox ?? [];

  it('sends the entries of many documents in one Kafka request, each document’s in order, once', async () => {
    const collection = aCollection('batch');
    const keys = Array.from({ length: 30 }, () => `wire:${randomUUID()}`);
    await write(collection, keys, ['first', 'second', 'third']);
    const requests = counting(producer);

    expect(await relayOver(connection, collection, requests).drainAll()).toBe(90);

    expect(requests.batches).toEqual([90]);
    const byKey = headlinesByKey(await topic.readToEnd());
    for (const key of keys) expect(byKey.get(key)).toEqual(['first', 'second', 'third']);
    expect(await relayOver(connection, collection, producer).drainAll()).toBe(0);
  });

  it('lets two relays draining at once publish every document once, in order', async () => {
    const collection = aCollection('pair');
    const keys = Array.from({ length: 40 }, () => `wire:${randomUUID()}`);
    await write(collection, keys, ['one', 'two']);
    const other = producerFor(ctx.kafkaBrokers, ctx.prefix);
    try {
      const [a, b] = await Promise.all([
        relayOver(connection, collection, producer, { claimLimit: 7 }).drainAll(),
        relayOver(connection, collection, other, { claimLimit: 7 }).drainAll(),
      ]);
      expect(a + b).toBe(80);
    } finally {
      await other.onApplicationShutdown();
    }
    const byKey = headlinesByKey(await topic.readToEnd());
    for (const key of keys) expect(byKey.get(key)).toEqual(['one', 'two']);
  });

  it('never removes what a relay whose lease ran out did not send: the relay that took over sends it', async () => {
    const collection = aCollection('lease');
    const key = `wire:${randomUUID()}`;
    await write(collection, [key], ['before the stall']);
    let resume: (() => void) | undefined;
    let sends = 0;
    // The first send hangs past the lease and then reports success without having sent anything: had
    // its release gone through, an entry would be lost. Later sends are real.
    const stallsOnce: OutboxPublisher = {
      publish: (entries, timeoutMs) =>
        ++sends === 1 ? new Promise<void>((r) => (resume = r)) : producer.publish(entries, timeoutMs),
    };
    const late = relayOver(connection, collection, stallsOnce, { leaseMs: 500 }).drainAll();
    await waitFor(() => (resume ? true : undefined), 'the stalled relay to claim');
    await new Promise((r) => setTimeout(r, 600));

    expect(await relayOver(connection, collection, producer).drainAll()).toBe(1);
    await store.update(connection.collection<Aggregate>(collection), { _id: key }, { $set: { state: 'next' } }, [
      anIngestedEvent('after the takeover', key),
    ]);
    resume!();
    await late;

    expect(await outboxOf(collection, key)).toEqual([]);
    expect(headlinesByKey(await topic.readToEnd()).get(key)).toEqual(['before the stall', 'after the takeover']);
  });

  it('shuts down within its grace period while Kafka is unreachable, and keeps the entry for later', async () => {
    const collection = aCollection('shutdown');
    const key = `wire:${randomUUID()}`;
    await write(collection, [key], ['kept through shutdown']);
    const [deadPort] = await freePorts(1);
    const unreachable = producerFor(`127.0.0.1:${deadPort}`, ctx.prefix);
    const relay = relayOver(connection, collection, unreachable, { enabled: true, shutdownGraceMs: 1_000 });
    relay.onApplicationBootstrap();
    // The relay now waits for Kafka: its bound is a third of the 30 s lease, not the grace period.
    await new Promise((r) => setTimeout(r, 300));

    const started = Date.now();
    await relay.beforeApplicationShutdown();
    await unreachable.onApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(3_000);

    expect(await outboxOf(collection, key)).toHaveLength(1);
    expect(await relayOver(connection, collection, producer).drainAll()).toBe(1);
    expect(headlinesByKey(await topic.readToEnd()).get(key)).toEqual(['kept through shutdown']);
  });
});
