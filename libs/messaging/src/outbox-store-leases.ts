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

/** Documents a relay holds under one lease token, and when the earliest of their leases began. */
export interface Hold {
  token: string;
  at: number;
  docs: Claimed[];
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

  /**
   * This relay's handle on `collection` when it is one it serves, else undefined. Mongoose hands out one
   * handle per name and connection, so the same handle means the same store and collection this relay polls.
   */
  handleOn(collection: object): mongo.Collection<OutboxDocument> | undefined {
    return this.collections.find((c) => c === collection);
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
    const held = await Promise.all(
      [...groupBy(docs, (d) => d.collection)].map(([collection, claimed]) =>
        releaseIn(collection, claimed, token, outcome, retryAt),
      ),
    );
    return held.reduce((n, h) => n + h, 0);
  }
}

/**
 * Documents whose entries were all sent (the usual case) are released with a few statements for all of
 * them: cleared where the outbox did not grow meanwhile (one statement per entry count), else the sent
 * entries pulled by id (ids are unique, so pulling all of them from each touches only its own). Documents
 * with refused or unsent entries take a write of their own.
 */
async function releaseIn(
  collection: mongo.Collection<OutboxDocument>,
  claimed: Claimed[],
  token: string,
  outcome: Outcome,
  retryAt: Date,
): Promise<number> {
  const done = claimed.filter((d) => d.entries.every((e) => outcome.sent.has(e.id)));
  const rest = claimed.filter((d) => !d.entries.every((e) => outcome.sent.has(e.id)));
  let held = 0;
  for (const [size, same] of groupBy(done, (d) => d.entries.length)) {
    const cleared = await collection.updateMany(
      { _id: { $in: same.map((d) => d.id) }, outboxLeaseOwner: token, outbox: { $size: size } },
      { $set: { outbox: [], outboxPending: false }, $unset: lease },
    );
    held += cleared.matchedCount;
  }
  if (done.length > held) {
    // Entries arrived while we published: those documents keep them (their lease is still ours).
    const sentIds = done.flatMap((d) => d.entries.map((e) => e.id));
    const pulled = await collection.updateMany(
      { _id: { $in: done.map((d) => d.id) }, outboxLeaseOwner: token },
      {
        $pull: { outbox: { id: { $in: sentIds } } },
        $unset: lease,
      },
    );
    held += pulled.matchedCount;
  }
  if (rest.length === 0) return held;
  const ops = rest.flatMap((doc) => releaseOps(doc, token, outcome, retryAt));
  return held + (await collection.bulkWrite(ops, { ordered: true })).matchedCount;
}

function groupBy<K, T>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
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
  // One statement for all candidates: each document's update is still atomic and re-checks `free`, so of
  // two relays claiming one document exactly one gets it (one write per document cost ~3 ms each on FerretDB).
  await collection.updateMany(
    { ...free, _id: { $in: candidates.map((c) => c._id) } },
    { $set: { outboxLeaseUntil: until, outboxLeaseOwner: token } },
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
