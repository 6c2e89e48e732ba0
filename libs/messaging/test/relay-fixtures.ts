import {
  createKafka,
  EventProducer,
  OutboxDocument,
  OutboxPublisher,
  OutboxRelay,
  RelayOptions,
} from '@broadsheet/messaging';
import { HealthRegistry, Metrics } from '@broadsheet/observability';
import { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';

/** A document that carries an outbox and some state of its own. */
export type Aggregate = OutboxDocument & { state?: string };

/** A producer of its own for `brokers`, as a service replica has; not connected until its first send. */
export function producerFor(brokers: string, topicPrefix: string): EventProducer {
  const options = {
    clientId: `relay-spec-${randomBytes(3).toString('hex')}`,
    brokers: brokers.split(','),
    topicPrefix,
  };
  return new EventProducer(createKafka(options), options, new HealthRegistry(), new Metrics());
}

/** A relay over one collection; off by default, so the test drives it with `drainAll()`. */
export function relayOver(
  connection: Connection,
  collection: string,
  publisher: OutboxPublisher,
  options: Partial<RelayOptions> = {},
  metrics = new Metrics(),
): OutboxRelay {
  return new OutboxRelay(
    connection,
    publisher,
    { collections: [collection], pollMs: 60_000, leaseMs: 30_000, enabled: false, ...options },
    metrics,
  );
}

/** Counts the Kafka requests a relay makes and the entries in each. */
export function counting(publisher: OutboxPublisher): OutboxPublisher & { batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    ready: (timeoutMs) => publisher.ready?.(timeoutMs) ?? Promise.resolve(),
    publish: (entries, timeoutMs) => {
      batches.push(entries.length);
      return publisher.publish(entries, timeoutMs);
    },
  };
}

/** A unique collection name, so one test's documents never reach another test's relay. */
export function aCollection(label: string): string {
  return `${label}_${randomBytes(3).toString('hex')}`;
}
