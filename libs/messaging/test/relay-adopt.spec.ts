import { Topics } from '@broadsheet/contracts';
import { EventProducer, OutboxEntry, OutboxPublisher, OutboxRelay, OutboxStore } from '@broadsheet/messaging';
import { openConnection } from '@broadsheet/persistence';
import { anIngestedEvent, createTopics, headlinesByKey, testContext, TopicReader, waitFor } from '@broadsheet/testing';
import { Connection, mongo } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { aCollection, Aggregate, producerFor, relayOver } from './relay-fixtures';

const LEASE_MS = 30_000;

/** Sends through `publisher` once the test opens it: until then the relay keeps in hand what it leased. */
function gated(publisher: OutboxPublisher) {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const gate = {
    sending: false,
    open: () => open(),
    ready: (timeoutMs: number) => publisher.ready?.(timeoutMs) ?? Promise.resolve(),
    publish: async (entries: OutboxEntry[], timeoutMs?: number) => {
      gate.sending = true;
      await opened;
      await publisher.publish(entries, timeoutMs);
    },
  };
  return gate;
}

/**
 * A running relay is handed the documents its process inserts, already leased to it, and publishes them
 * without claiming them from the store; what it does not get to release, another relay claims once the
 * lease runs out.
 */
describe('outbox relay and the documents its process inserts', () => {
  let connection: Connection;
  let producer: EventProducer;
  let topic: TopicReader;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    const ctx = testContext('adopt');
    await createTopics(ctx);
    connection = await openConnection({ url: ctx.mongoUrl, dbName: `${ctx.prefix}db` });
    producer = producerFor(ctx.kafkaBrokers, ctx.prefix);
    topic = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.beforeApplicationShutdown()));
    await topic?.close();
    await producer?.onApplicationShutdown();
    await connection?.close();
  });

  /** A fresh collection, a running relay on it (no poll timer: only its store's hand-overs move it) and that store. */
  function running(label: string, publisher: OutboxPublisher, leaseMs = LEASE_MS) {
    const collection = aCollection(label);
    const relay = relayOver(connection, collection, publisher, { enabled: true, leaseMs, shutdownGraceMs: 500 });
    relays.push(relay);
    return {
      collection,
      aggregates: connection.collection<Aggregate>(collection),
      relay,
      store: new OutboxStore(relay),
    };
  }

  const drained = (aggregates: mongo.Collection<Aggregate>, within: number) =>
    waitFor(
      async () => ((await aggregates.countDocuments({ outboxPending: true })) === 0 ? true : undefined),
      'the outbox to drain',
      within,
    );

  it('writes new documents already leased to it and publishes them without any claim', async () => {
    const gate = gated(producer);
    const { collection, aggregates, store } = running('adopt', gate);
    // The relay is busy sending this one (held at the gate) while the next documents are inserted, so
    // any lease they carry was written by the insert itself.
    const busy = `wire:${randomUUID()}`;
    await store.insert(aggregates, { _id: busy }, [anIngestedEvent('inserted', busy)]);
    await waitFor(() => (gate.sending ? true : undefined), 'the relay to send');
    const known = `wire:${randomUUID()}`;
    await store.insert(aggregates, { _id: known });
    const keys = Array.from({ length: 5 }, () => `wire:${randomUUID()}`);
    const before = Date.now();

    const { held } = await store.insertMany(
      aggregates,
      [known, ...keys].map((key) => ({ doc: { _id: key }, events: [anIngestedEvent('inserted', key)] })),
    );

    expect([...held]).toEqual([known]);
    const relayOf = (owner?: string | null) => owner?.split('/')[0];
    const owner = relayOf((await aggregates.findOne({ _id: busy }))?.outboxLeaseOwner);
    expect(owner).toEqual(expect.any(String));
    for (const doc of await aggregates.find({ _id: { $in: keys } }).toArray()) {
      expect(relayOf(doc.outboxLeaseOwner)).toBe(owner);
      expect(doc.outboxLeaseUntil!.getTime()).toBeGreaterThanOrEqual(before + LEASE_MS);
    }
    // Leased for 30 s: no relay can claim them, yet theirs sends them as soon as it is free.
    expect(await relayOver(connection, collection, producer).drainAll()).toBe(0);
    gate.open();
    await drained(aggregates, LEASE_MS / 2);

    const byKey = headlinesByKey(await topic.readToEnd());
    for (const key of [busy, ...keys]) expect(byKey.get(key)).toEqual(['inserted']);
    expect(byKey.get(known)).toBeUndefined();
    for (const doc of await aggregates.find({ _id: { $in: keys } }).toArray()) {
      expect(doc).toMatchObject({ outbox: [], outboxPending: false });
      expect(doc.outboxLeaseOwner).toBeUndefined();
    }
  });

  it('sends an update appended while it holds the inserted document after the insert’s event', async () => {
    const gate = gated(producer);
    const { aggregates, store } = running('grew', gate);
    const key = `wire:${randomUUID()}`;

    await store.insert(aggregates, { _id: key }, [anIngestedEvent('first', key)]);
    await waitFor(() => (gate.sending ? true : undefined), 'the relay to send the first event');
    await store.update(aggregates, { _id: key }, { $set: { state: 'changed' } }, [anIngestedEvent('second', key)]);
    gate.open();
    await drained(aggregates, LEASE_MS / 2);

    expect(headlinesByKey(await topic.readToEnd()).get(key)).toEqual(['first', 'second']);
    expect(await aggregates.findOne({ _id: key })).toMatchObject({
      outbox: [],
      outboxPending: false,
      state: 'changed',
    });
  });

  it('leaves what it stopped before sending to another relay once the lease runs out, sent once', async () => {
    let sending = false;
    // Its send never completes: the process is as good as dead between the insert and the publish.
    const dead: OutboxPublisher = {
      publish: () => {
        sending = true;
        return new Promise<void>(() => undefined);
      },
    };
    const { collection, aggregates, relay, store } = running('crash', dead, 5_000);
    const key = `wire:${randomUUID()}`;

    await store.insert(aggregates, { _id: key }, [anIngestedEvent('survives the stop', key)]);
    await waitFor(() => (sending ? true : undefined), 'the doomed relay to send');
    await relay.beforeApplicationShutdown();

    const other = relayOver(connection, collection, producer);
    expect(await other.drainAll()).toBe(0);
    let published = 0;
    await waitFor(async () => ((published += await other.drainAll()) > 0 ? true : undefined), 'a claim', 20_000);

    expect(published).toBe(1);
    expect(headlinesByKey(await topic.readToEnd()).get(key)).toEqual(['survives the stop']);
    expect(await aggregates.findOne({ _id: key })).toMatchObject({ outbox: [], outboxPending: false });
  });
});
