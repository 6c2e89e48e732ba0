import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KeyedSerializer } from '@broadsheet/persistence';
import { Collection, Connection, mongo } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { OutboxEntry, OutboxFields } from './outbox';
import { EventProducer } from './producer';

export interface RelayOptions {
  /** Collections whose documents carry an outbox. */
  collections: string[];
  /** How often to look for work when nobody nudged. */
  pollMs: number;
  /** How long a claimed document stays with one relay if that relay dies mid-publish. */
  leaseMs: number;
  /** Off only in fault-injection runs that must leave the outbox unpublished. */
  enabled: boolean;
}

type OutboxDoc = OutboxFields & { _id: string };

/**
 * Publishes outbox entries to Kafka and removes them once acknowledged. Several replicas may run:
 * each claims a document with a lease before publishing, so entries go out in order, at least once.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly connection: Connection,
    private readonly producer: EventProducer,
    private readonly options: RelayOptions,
    /** The service's per-document write queue: its own writes and the relay's never interleave. */
    private readonly writes: KeyedSerializer,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.timer = setInterval(() => this.nudge(), this.options.pollMs);
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a drain now (called right after a write), coalescing with one in progress. */
  nudge(): void {
    if (!this.options.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainAll()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`outbox drain failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Drains every collection until nothing is left to claim. Exposed for tests. */
  async drainAll(): Promise<number> {
    let published = 0;
    for (const name of this.options.collections) {
      const collection = this.connection.collection<OutboxDoc>(name);
      for (
        let ids = await this.claimable(collection);
        ids.length > 0 && !this.stopped;
        ids = await this.claimable(collection)
      ) {
        let claimed = 0;
        for (const id of ids) claimed += await this.drainDocument(name, collection, id);
        published += claimed;
        if (claimed === 0) break;
      }
    }
    return published;
  }

  private async claimable(collection: Collection<OutboxDoc>): Promise<string[]> {
    const docs = await collection
      .find(this.claimFilter(), { projection: { _id: 1 } })
      .limit(100)
      .toArray();
    return docs.map((d) => d._id);
  }

  private claimFilter(): mongo.Filter<OutboxDoc> {
    return { outboxPending: true, $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lt: new Date() } }] };
  }

  /** Claims one document, publishes its entries, releases it; each write in turn with the service's own writes. */
  private async drainDocument(name: string, collection: Collection<OutboxDoc>, id: string): Promise<number> {
    const key = `${name}/${id}`;
    const claimed = await this.writes.run(key, () =>
      collection.findOneAndUpdate(
        { ...this.claimFilter(), _id: id },
        { $set: { outboxLeaseUntil: new Date(Date.now() + this.options.leaseMs), outboxLeaseOwner: this.owner } },
        // FerretDB 1.x refuses a projection on findAndModify, so the whole document comes back.
        { returnDocument: 'after' },
      ),
    );
    if (!claimed) return 0;
    const entries: OutboxEntry[] = claimed.outbox ?? [];
    if (entries.length > 0) await this.producer.publish(entries);
    await this.writes.run(key, () => this.release(collection, id, entries));
    return Math.max(entries.length, 1);
  }

  private async release(collection: Collection<OutboxDoc>, id: string, entries: OutboxEntry[]): Promise<void> {
    // $pullAll removes the exact entries we published (FerretDB 1.x has no $pull by sub-field condition).
    const pulled = await collection.updateOne(
      { _id: id, outboxLeaseOwner: this.owner },
      { $pullAll: { outbox: entries }, $set: { outboxLeaseUntil: null } },
    );
    // Lease lost (another relay took over after expiry) or entries not removable: stop rather than republish in a loop.
    if (entries.length > 0 && pulled.modifiedCount === 0) throw new Error(`outbox of ${id} was not released`);
    // Entries pushed while we published keep the document pending; only an empty outbox clears the flag.
    await collection.updateOne({ _id: id, outbox: { $size: 0 } }, { $set: { outboxPending: false } });
  }
}
