import { DomainError, DomainEvent, EventCatalog, parseEvent } from '@broadsheet/contracts';
import { currentCorrelationId } from '@broadsheet/observability';
import { Schema } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { assertDeliverable, serializedBytes } from './event-size';

/** An event waiting in its aggregate's document until the relay has published it. */
export interface OutboxEntry {
  /** The event id; the relay removes entries by it once Kafka acknowledged them. */
  id: string;
  /** Logical topic (without the test prefix). */
  topic: string;
  /** Kafka message key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  /** The serialized CloudEvent. */
  value: string;
  headers: Record<string, string>;
  createdAt: Date;
}

/** An entry Kafka refused for good, kept on its document for an operator instead of being retried. */
export interface RejectedOutboxEntry extends OutboxEntry {
  /** The broker's reason, e.g. `MESSAGE_TOO_LARGE: ...`. */
  error: string;
  rejectedAt: Date;
}

/** Fields an aggregate document carries for its outbox. */
export interface OutboxFields {
  outbox: OutboxEntry[];
  /** True while entries wait; indexed so the relay finds work without scanning. */
  outboxPending: boolean;
  /** Until when a relay holds the document; another relay waits it out. */
  outboxLeaseUntil?: Date | null;
  /** Which claim of which relay holds the lease: only that claim may remove entries or release it. */
  outboxLeaseOwner?: string | null;
  /** Entries the broker refused for good (see OutboxRelay); absent until one is. */
  outboxRejected?: RejectedOutboxEntry[];
}

/** A document that carries an outbox, as stored. */
export type OutboxDocument = OutboxFields & { _id: string };

/**
 * Random bytes for trace ids, drawn from the CSPRNG 4 KiB at a time as `randomUUID` does: one draw per
 * id cost more than the rest of an outbox entry. Each byte is handed out once.
 */
const entropy = { pool: Buffer.alloc(0), used: 0 };
function randomHex(bytes: number): string {
  if (entropy.used + bytes > entropy.pool.length) Object.assign(entropy, { pool: randomBytes(4096), used: 0 });
  entropy.used += bytes;
  return entropy.pool.toString('hex', entropy.used - bytes, entropy.used);
}

/** W3C traceparent for a new span: lets a request be followed across services. */
function traceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}

/** An event that fails its own schema is the producer's bug, never the caller's: a 500, not a 400. */
function checkOnProduce(event: DomainEvent): DomainEvent {
  try {
    return parseEvent(event);
  } catch (error) {
    const details =
      error instanceof DomainError ? error.details.map((d) => `${d.path}: ${d.message}`).join('; ') : String(error);
    throw new Error(`refusing to produce an invalid "${event.type}" event: ${details}`);
  }
}

/**
 * Checks an event against its schema and its size (on produce) and turns it into an outbox entry keyed
 * by its subject. An event too big to deliver is a DomainError (413), so its write never happens.
 */
export function toOutboxEntry(event: DomainEvent): OutboxEntry {
  const checked = checkOnProduce(event);
  const entry: OutboxEntry = {
    id: checked.id,
    topic: EventCatalog[checked.type].topic,
    key: checked.subject,
    value: JSON.stringify(checked),
    headers: {
      'content-type': 'application/cloudevents+json',
      'ce-type': checked.type,
      'correlation-id': checked.correlationid || currentCorrelationId() || checked.id,
      traceparent: traceparent(),
    },
    createdAt: new Date(),
  };
  assertDeliverable(serializedBytes(entry), checked.type, checked.data);
  return entry;
}

type Update = { $set?: Record<string, unknown>; $push?: Record<string, unknown> } & Record<string, unknown>;

/** Adds events to an aggregate's update so they land in the same document write as the state they record. */
export function withOutbox<U extends Update>(update: U, events: DomainEvent[]): U {
  if (events.length === 0) return update;
  return {
    ...update,
    $set: { ...update.$set, outboxPending: true },
    $push: { ...update.$push, outbox: { $each: events.map(toOutboxEntry) } },
  };
}

/** A projection that leaves the outbox and its lease out of a read: they are the relay's business. */
export const withoutOutbox = {
  outbox: 0,
  outboxPending: 0,
  outboxLeaseUntil: 0,
  outboxLeaseOwner: 0,
  outboxRejected: 0,
} as const;

/** Declares an aggregate schema's outbox fields and the index the relay polls by. */
export function addOutbox(schema: Schema): void {
  schema.add({
    outbox: { type: Schema.Types.Mixed, default: [] },
    outboxPending: { type: Boolean, default: false },
    outboxLeaseUntil: Date,
    outboxLeaseOwner: String,
    outboxRejected: { type: Schema.Types.Mixed, default: undefined },
  });
  schema.index({ outboxPending: 1 });
}
