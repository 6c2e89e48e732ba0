import { Injectable } from '@nestjs/common';
import { DomainError, DomainEvent } from '@broadsheet/contracts';
import { isDuplicateKey } from '@broadsheet/persistence';
import { mongo } from 'mongoose';
import { OutboxDocument, OutboxFields, toOutboxEntry, withOutbox, withoutOutbox } from './outbox';
import { OutboxRelay } from './relay';

/**
 * The one way a repository writes state together with the events it causes: both go in the same
 * single-document write, which the store applies atomically, and the relay is nudged right after.
 * Repositories never spell the outbox fields nor call the relay themselves.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly relay: OutboxRelay) {}

  /** Inserts a new document with its events; false when a unique index already holds one like it. */
  async insert<T extends OutboxDocument>(
    collection: mongo.Collection<T>,
    doc: Omit<T, keyof OutboxFields>,
    events: DomainEvent[] = [],
  ): Promise<boolean> {
    const outbox = events.map(toOutboxEntry);
    try {
      await collection.insertOne({
        ...doc,
        outbox,
        outboxPending: outbox.length > 0,
      } as mongo.OptionalUnlessRequiredId<T>);
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    if (outbox.length > 0) this.relay.nudge();
    return true;
  }

  /**
   * Inserts many new documents, each with its events, in one unordered round trip (an archive import).
   * Each document is still one atomic write. Returns the ids a unique index refused (already held) and
   * those whose events could not be produced (e.g. too large once cleaned), which were not written.
   */
  async insertMany<T extends OutboxDocument>(
    collection: mongo.Collection<T>,
    items: Array<{ doc: Omit<T, keyof OutboxFields>; events: DomainEvent[] }>,
  ): Promise<{ held: Set<string>; failed: Map<string, DomainError> }> {
    const failed = new Map<string, DomainError>();
    const docs: Array<mongo.OptionalUnlessRequiredId<T>> = [];
    for (const { doc, events } of items) {
      try {
        const outbox = events.map(toOutboxEntry);
        docs.push({ ...doc, outbox, outboxPending: outbox.length > 0 } as mongo.OptionalUnlessRequiredId<T>);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failed.set(doc._id, error);
      }
    }
    const held = await this.insertUnordered(collection, docs);
    if (docs.some((d) => (d as { outboxPending: boolean }).outboxPending)) this.relay.nudge();
    return { held, failed };
  }

  private async insertUnordered<T extends OutboxDocument>(
    collection: mongo.Collection<T>,
    docs: Array<mongo.OptionalUnlessRequiredId<T>>,
  ): Promise<Set<string>> {
    const held = new Set<string>();
    if (docs.length === 0) return held;
    try {
      await collection.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{
        index: number;
        code: number;
      }>;
      if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
      for (const e of list) held.add((docs[e.index] as { _id: string })._id);
    }
    return held;
  }

  /**
   * Applies `update` and its events only if `filter` still matches (e.g. the revision the caller read).
   * Of concurrent writers, in this process or another, exactly one wins. Returns the document as
   * written, without its outbox, or null when the filter no longer matched.
   */
  async update<T extends OutboxDocument>(
    collection: mongo.Collection<T>,
    filter: mongo.Filter<T>,
    update: { $set?: Record<string, unknown> } & Record<string, unknown>,
    events: DomainEvent[] = [],
  ): Promise<Omit<T, keyof OutboxFields> | null> {
    const written = await collection.findOneAndUpdate(filter, withOutbox(update, events) as mongo.UpdateFilter<T>, {
      returnDocument: 'after',
      projection: withoutOutbox,
    });
    if (written && events.length > 0) this.relay.nudge();
    return written as Omit<T, keyof OutboxFields> | null;
  }
}
