import { Connection, mongo } from 'mongoose';
import { OutboxDocument, OutboxEntry, RejectedOutboxEntry } from './outbox';

/** What a claim did with its entries: sent (acknowledged) or refused for good (id → the broker's reason). */
export interface Outcome {
  sent: Set<string>;
  refused: Map<string, string>;
}

/** A document one claim holds under a lease, with the entries it had when claimed. */
export interface Claimed {
  collection: mongo.Collection<OutboxDocument>;
  id: string;
  entries: OutboxEntry[];
}

const lease = { outboxLeaseUntil: '', outboxLeaseOwner: '' } as const;

/**
 * The relay's side of the outbox in the store: claiming documents under a lease and releasing them.
 * Every write is a conditional single-document update, which the store applies atomically, so of two
 * relays claiming one document exactly one gets it, and only the claim holding a lease (its token)
 * may remove entries or release it.
 */
export class OutboxLeases {
  private readonly collections: Array<mongo.Collection<OutboxDocument>>;

  constructor(connection: Connection, names: string[]) {
    this.collections = names.map((name) => connection.collection<OutboxDocument>(name));
  }

  /** Leases up to `limit` free documents per collection to `token` until `until`. */
  async claim(token: string, at: Date, until: Date, limit: number): Promise<Claimed[]> {
    const claimed = await Promise.all(this.collections.map((c) => claimIn(c, token, at, until, limit)));
    return claimed.flat();
  }

  /**
   * Removes what was sent and gives up the lease, only where `token` still holds it; refused entries
   * move to `outboxRejected` in the same write. A fully handled document whose outbox did not grow
   * meanwhile is cleared in one write; otherwise the handled entries are pulled by id and the rest stay
   * pending until `retryAt`. Returns how many leases were still held.
   */
  async release(docs: Claimed[], token: string, outcome: Outcome, retryAt: Date): Promise<number> {
    const byCollection = new Map<mongo.Collection<OutboxDocument>, mongo.AnyBulkWriteOperation<OutboxDocument>[]>();
    for (const doc of docs) {
      byCollection.set(doc.collection, [
        ...(byCollection.get(doc.collection) ?? []),
        ...releaseOps(doc, token, outcome, retryAt),
      ]);
    }
    const results = await Promise.all(
      [...byCollection].map(([collection, ops]) => collection.bulkWrite(ops, { ordered: true })),
    );
    return results.reduce((n, r) => n + r.matchedCount, 0);
  }
}

async function claimIn(
  collection: mongo.Collection<OutboxDocument>,
  token: string,
  at: Date,
  until: Date,
  limit: number,
): Promise<Claimed[]> {
  const free: mongo.Filter<OutboxDocument> = {
    outboxPending: true,
    $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lt: at } }],
  };
  const candidates = await collection
    .find(free, { projection: { _id: 1 } })
    .limit(limit)
    .toArray();
  if (candidates.length === 0) return [];
  await collection.bulkWrite(
    candidates.map(({ _id }) => ({
      updateOne: { filter: { ...free, _id }, update: { $set: { outboxLeaseUntil: until, outboxLeaseOwner: token } } },
    })),
    { ordered: false },
  );
  const won = await collection
    .find({ _id: { $in: candidates.map((c) => c._id) }, outboxLeaseOwner: token }, { projection: { outbox: 1 } })
    .toArray();
  return won.map((doc) => ({ collection, id: doc._id, entries: doc.outbox ?? [] }));
}

function releaseOps(
  doc: Claimed,
  token: string,
  { sent, refused }: Outcome,
  retryAt: Date,
): mongo.AnyBulkWriteOperation<OutboxDocument>[] {
  const ids = doc.entries.filter((e) => sent.has(e.id) || refused.has(e.id)).map((e) => e.id);
  const aside = setAside(doc.entries, refused);
  const pull = {
    $pull: { outbox: { id: { $in: ids } } },
    ...aside,
  } as mongo.UpdateFilter<OutboxDocument>;
  const owned = { _id: doc.id, outboxLeaseOwner: token };
  if (ids.length < doc.entries.length) {
    return [{ updateOne: { filter: owned, update: { ...pull, $set: { outboxLeaseUntil: retryAt } } } }];
  }
  return [
    {
      updateOne: {
        filter: { ...owned, outbox: { $size: doc.entries.length } },
        update: { $set: { outbox: [], outboxPending: false }, $unset: lease, ...aside },
      },
    },
    // Only runs when the first did not match (it releases the lease): entries arrived while we published.
    { updateOne: { filter: owned, update: { ...pull, $unset: lease } } },
  ];
}

/** The `$push` that keeps refused entries, with the broker's reason, where an operator finds them. */
function setAside(entries: OutboxEntry[], refused: Map<string, string>): { $push?: Record<string, unknown> } {
  const rejectedAt = new Date();
  const aside: RejectedOutboxEntry[] = entries
    .filter((e) => refused.has(e.id))
    .map((e) => ({ ...e, error: refused.get(e.id) ?? 'refused', rejectedAt }));
  return aside.length > 0 ? { $push: { outboxRejected: { $each: aside } } } : {};
}
