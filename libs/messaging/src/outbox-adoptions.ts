import { mongo } from 'mongoose';
import { OutboxDocument, OutboxEntry } from './outbox';
import { Hold } from './outbox-store-leases';

/** The lease a relay gives new documents as they are inserted (see `OutboxRelay.leaseForInsert`). */
export interface InsertLease {
  /** The relay's handle on the collection the documents go to: it releases them through it. */
  collection: mongo.Collection<OutboxDocument>;
  token: string;
  /** When the lease began, before the insert: the relay sends within the first third of it, as after a claim. */
  at: number;
  /** The outbox fields that make the inserted document already leased. */
  fields: { outboxLeaseOwner: string; outboxLeaseUntil: Date };
}

/** A document just inserted under a lease, with the entries it was written with. */
export interface Inserted {
  id: string;
  entries: OutboxEntry[];
}

/**
 * Documents a relay leased to itself as they were inserted, waiting for a round. Inserts made between two
 * rounds share one token, so one round sends and releases them together, as one claim of them would have.
 */
export class Adoptions {
  private readonly waiting = new Map<string, Hold>();
  private token: string;

  constructor(private readonly nextToken: () => string) {
    this.token = nextToken();
  }

  lease(collection: mongo.Collection<OutboxDocument>, leaseMs: number): InsertLease {
    const at = Date.now();
    const token = this.token;
    return { collection, token, at, fields: { outboxLeaseOwner: token, outboxLeaseUntil: new Date(at + leaseMs) } };
  }

  add(lease: InsertLease, inserted: Inserted[]): void {
    const docs = inserted.map((doc) => ({ collection: lease.collection, ...doc }));
    const waiting = this.waiting.get(lease.token);
    this.waiting.set(lease.token, {
      token: lease.token,
      at: Math.min(lease.at, waiting?.at ?? lease.at),
      docs: [...(waiting?.docs ?? []), ...docs],
    });
  }

  /**
   * The longest-waiting documents, for a round. Inserts from now on lease under a new token; one still
   * writing under the taken token joins a group of its own under it, released by its ids alone.
   */
  take(): Hold | undefined {
    const [oldest] = this.waiting.values();
    if (!oldest) return undefined;
    this.waiting.delete(oldest.token);
    if (oldest.token === this.token) this.token = this.nextToken();
    return oldest;
  }
}
