import { Injectable } from '@nestjs/common';
import { DomainError, DomainEvent } from '@broadsheet/contracts';
import { isDuplicateKey } from '@broadsheet/persistence';
import { mongo } from 'mongoose';
import { OutboxDocument, OutboxEntry, OutboxFields, toOutboxEntry, withOutbox, withoutOutbox } from './outbox';
import { Inserted, InsertLease } from './outbox-adoptions';
import { OutboxRelay } from './relay';

/**
 * The one way a repository writes state together with the events it causes: both go in the same
 * single-document write, which the store applies atomically, and the relay is nudged right after.
 * New documents are written already leased to this process's relay when it takes them, and handed to it
 * with their entries, so it publishes them without claiming them back from the store (see
 * `OutboxRelay.leaseForInsert`). Repositories never spell the outbox fields nor call the relay themselves.
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
    const lease = outbox.length > 0 ? this.relay.leaseForInsert(collection) : undefined;
    try {
      await collection.insertOne({ ...doc, ...newOutbox(outbox, lease) } as mongo.OptionalUnlessRequiredId<T>);
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    this.handOver(lease, [{ id: doc._id, entries: outbox }]);
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
    const ready: Array<{ doc: Omit<T, keyof OutboxFields>; outbox: OutboxEntry[] }> = [];
    for (const { doc, events } of items) {
      try {
        ready.push({ doc, outbox: events.map(toOutboxEntry) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failed.set(doc._id, error);
      }
    }
    const lease = ready.some((r) => r.outbox.length > 0) ? this.relay.leaseForInsert(collection) : undefined;
    const docs = ready.map(({ doc, outbox }) => ({ ...doc, ...newOutbox(outbox, lease) }));
    const refused = await this.insertUnordered(collection, docs as Array<mongo.OptionalUnlessRequiredId<T>>);
    this.handOver(
      lease,
      ready.filter((_, i) => !refused.has(i)).map(({ doc, outbox }) => ({ id: doc._id, entries: outbox })),
    );
    return { held: new Set([...refused].map((i) => ready[i]!.doc._id)), failed };
  }

  /** Inserts `docs`; returns the positions of those a unique index refused (already held). */
  private async insertUnordered<T extends OutboxDocument>(
    collection: mongo.Collection<T>,
    docs: Array<mongo.OptionalUnlessRequiredId<T>>,
  ): Promise<Set<number>> {
    if (docs.length === 0) return new Set();
    try {
      await collection.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{
        index: number;
        code: number;
      }>;
      if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
      return new Set(list.map((e) => e.index));
    }
    return new Set();
  }

  /** Whatever was written with entries goes to the relay: in hand when it leased it, else found by its nudge. */
  private handOver(lease: InsertLease | undefined, written: Inserted[]): void {
    const pending = written.filter((w) => w.entries.length > 0);
    if (pending.length === 0) return;
    if (lease) this.relay.adopt(lease, pending);
    else this.relay.nudge();
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

/** A new document's outbox fields: pending when it has entries, and then leased when the relay took it. */
function newOutbox(outbox: OutboxEntry[], lease: InsertLease | undefined): Omit<OutboxFields, 'outboxRejected'> {
  const pending = outbox.length > 0;
  return { outbox, outboxPending: pending, ...(pending && lease ? lease.fields : {}) };
}
