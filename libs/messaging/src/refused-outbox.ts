import { Connection, mongo } from 'mongoose';
import { OutboxDocument, RejectedOutboxEntry } from './outbox';
import { serializedBytes } from './event-size';

/** An outbox entry Kafka refused for good, as an operator sees it (without the event itself, which can be large). */
export interface RefusedOutboxEntry {
  collection: string;
  /** The document (aggregate) whose outbox held it. */
  documentId: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  correlationId: string;
  /** Serialized size, as the relay measured it. */
  bytes: number;
  error: string;
  createdAt: Date;
  rejectedAt: Date;
}

/** Reads the entries the relay moved to `outboxRejected`, across the service's outbox collections. */
export class RefusedOutbox {
  constructor(
    private readonly connection: Connection,
    private readonly collections: string[],
  ) {}

  /** The `limit` most recently refused entries. */
  async list(limit: number): Promise<{ items: RefusedOutboxEntry[] }> {
    const found = await Promise.all(this.collections.map((name) => this.listIn(name, limit)));
    const items = found.flat().sort((a, b) => b.rejectedAt.getTime() - a.rejectedAt.getTime());
    return { items: items.slice(0, limit) };
  }

  private async listIn(name: string, limit: number): Promise<RefusedOutboxEntry[]> {
    const docs = await this.connection
      .collection<OutboxDocument>(name)
      .find({ 'outboxRejected.0': { $exists: true } } as mongo.Filter<OutboxDocument>, {
        projection: { outboxRejected: 1 },
      })
      .limit(limit)
      .toArray();
    return docs.flatMap((doc) => (doc.outboxRejected ?? []).map((e) => toRefused(name, doc._id, e)));
  }
}

function toRefused(collection: string, documentId: string, e: RejectedOutboxEntry): RefusedOutboxEntry {
  return {
    collection,
    documentId,
    id: e.id,
    topic: e.topic,
    key: e.key,
    type: e.headers['ce-type'] ?? '',
    correlationId: e.headers['correlation-id'] ?? '',
    bytes: serializedBytes(e),
    error: e.error,
    createdAt: e.createdAt,
    rejectedAt: e.rejectedAt,
  };
}
