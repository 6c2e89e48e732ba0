import { Logger } from '@nestjs/common';
import { Topics } from '@broadsheet/contracts';
import { EventProducer, OutboxRelay, OutboxStore } from '@broadsheet/messaging';
import { openConnection } from '@broadsheet/persistence';
import {
  anIngestedEvent,
  createTopics,
  headlinesByKey,
  PrivateStack,
  privateStack,
  testContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { aCollection, Aggregate, counting, producerFor, relayOver } from './relay-fixtures';

const LEASE_MS = 3_000;

/**
 * Two relays (two replicas of a service) on one collection while the broker, private to this file, is
 * down for several leases and writes go on through both replicas: when it is back, every key's events
 * are on the topic once each, in the order they were written.
 */
describe('two outbox relays through a Kafka outage longer than their lease', () => {
  let stack: PrivateStack;
  let connection: Connection;
  const producers: EventProducer[] = [];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    // Sends fail by the hundred while the broker is down; the relays' warnings would bury the report.
    Logger.overrideLogger(false);
    stack = await privateStack(testContext('outage'), ['kafka']);
    await createTopics(stack.ctx);
    connection = await openConnection({ url: stack.ctx.mongoUrl, dbName: `${stack.ctx.prefix}db` });
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.beforeApplicationShutdown()));
    await Promise.all(producers.map((p) => p.onApplicationShutdown()));
    await connection?.close();
    await stack?.stop();
  });

  it('loses nothing and reorders nothing per key', async () => {
    const collection = aCollection('outage');
    const aggregates = connection.collection<Aggregate>(collection);
    producers.push(...[0, 1].map(() => producerFor(stack.ctx.kafkaBrokers, stack.ctx.prefix)));
    const published = producers.map(counting);
    for (const publisher of published) {
      const relay = relayOver(connection, collection, publisher, { enabled: true, pollMs: 100, leaseMs: LEASE_MS });
      relays.push(relay);
      relay.onApplicationBootstrap();
    }
    const replicas = relays.map((r) => new OutboxStore(r));
    const keys = Array.from({ length: 12 }, () => `wire:${randomUUID()}`);
    const written = new Map<string, string[]>(keys.map((k) => [k, []]));
    let writes = 0;
    /** One event per key, through alternating replicas, as a repository writes it. */
    const writeRound = (label: string) =>
      Promise.all(
        keys.map(async (key) => {
          const headline = `${label} ${written.get(key)!.length}`;
          const replica = replicas[writes++ % 2]!;
          const event = [anIngestedEvent(headline, key)];
          const stored = written.get(key)!.length
            ? await replica.update(aggregates, { _id: key }, { $set: { state: headline } }, event)
            : await replica.insert(aggregates, { _id: key }, event);
          expect(stored).toBeTruthy();
          written.get(key)!.push(headline);
        }),
      );
    const drained = () =>
      waitFor(
        async () => ((await aggregates.countDocuments({ outboxPending: true })) === 0 ? true : undefined),
        'both outboxes to drain',
        60_000,
      );

    // Writes never pause: the broker goes away while both relays hold documents mid-send.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await writeRound('event');
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 1_500));
    const kafka = stack.dependency('kafka');
    await kafka.stop();
    await new Promise((r) => setTimeout(r, 3 * LEASE_MS));
    await kafka.start();
    await new Promise((r) => setTimeout(r, 1_500));
    writing = false;
    await writer;
    await drained();

    const reader = await TopicReader.open(stack.ctx.kafkaBrokers, `${stack.ctx.prefix}${Topics.ArticlesIngested}`);
    try {
      const byKey = headlinesByKey(await reader.readToEnd());
      // At least once: a batch the broker took just as it went down may come again, after itself.
      for (const key of keys) expect(firstOccurrences(byKey.get(key) ?? [])).toEqual(written.get(key));
    } finally {
      await reader.close();
    }
    // Both replicas' relays took part.
    for (const p of published) expect(p.batches.length).toBeGreaterThan(0);
  });
});

/** Each headline where it first appears: the order a consumer that skips what it has seen applies. */
function firstOccurrences(headlines: string[]): string[] {
  return [...new Set(headlines)];
}
