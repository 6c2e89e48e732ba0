import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MAX_EVENT_BYTES } from '@broadsheet/contracts';
import type { Metrics } from '@broadsheet/observability';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { serializedBytes } from './event-size';
import { OutboxEntry } from './outbox';
import { Adoptions, Inserted, InsertLease } from './outbox-adoptions';
import { Claimed, Hold, OutboxLeases } from './outbox-store-leases';
import type { OutboxPublisher } from './producer';
import { refusalReason } from './refusal';

export interface RelayOptions {
  /** Collections whose documents carry an outbox. */
  collections: string[];
  /** How often to look for work when nobody nudged. */
  pollMs: number;
  /**
   * How long a claimed document stays with one relay. A relay publishes within the first third of it
   * (the producer is bounded by what is left), so no other relay can take over while a send may still land.
   */
  leaseMs: number;
  /** Most documents claimed per collection at once; all their entries go out in one Kafka request. */
  claimLimit?: number;
  /** Most bytes of events per Kafka request: a broker refuses a batch over `message.max.bytes` (1 MiB). */
  maxBatchBytes?: number;
  /** How long shutdown waits for a publish in progress; what was not sent stays in the outbox. */
  shutdownGraceMs?: number;
  /** Off where the owner calls `drainAll` itself (relay specs): no timer, no nudges. */
  enabled: boolean;
}

interface Round {
  claimed: number;
  published: number;
  failed: boolean;
}

/** What one round's sends came to: entries acknowledged, entries the broker refused for good (id → reason). */
interface Sent {
  sent: Set<string>;
  refused: Map<string, string>;
  failed: boolean;
}

/**
 * Publishes outbox entries to Kafka and removes them once acknowledged. Several replicas may run: each
 * round claims up to `claimLimit` documents with a lease (one atomic conditional write per document),
 * publishes all their entries in one batch, in order, and releases them. Only the claim that holds a
 * document's lease removes its entries or releases it, so a relay that failed or ran out of lease
 * touches nothing another relay took over. Documents inserted through this process's OutboxStore come
 * already leased to this relay (see `leaseForInsert`) and go out the same way without being claimed. An
 * entry the broker refuses for good (too large, invalid) is moved aside to the document's `outboxRejected`,
 * counted and logged for an operator, never retried.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly owner = randomUUID();
  private claims = 0;
  /** After a failed send, one document at a time until a send succeeds: one bad entry holds up no batch. */
  private cautious = false;
  /** Said once per outage, not on every poll. */
  private outOfReach = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private flushing = false;

  private readonly leases: OutboxLeases;
  private readonly adoptions = new Adoptions(() => this.nextToken());

  constructor(
    connection: Connection,
    private readonly producer: OutboxPublisher,
    private readonly options: RelayOptions,
    private readonly metrics: Metrics,
  ) {
    this.leases = new OutboxLeases(connection, options.collections);
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.timer = setInterval(() => this.nudge(), this.options.pollMs);
    this.nudge();
  }

  /** Runs before the producer and the Mongo connection close, and never longer than the grace period. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await settledWithin(this.running, this.options.shutdownGraceMs ?? 5_000);
  }

  /**
   * The graceful stop's flush: no more timer or nudges; waits for the drain in progress, then publishes
   * rounds until nothing is left to claim, a send fails or the deadline comes. What is left stays in the
   * outbox for another replica, or this one after its restart.
   */
  async flush(deadline: number): Promise<number> {
    this.flushing = true;
    clearInterval(this.timer);
    await settledWithin(this.running, deadline - Date.now());
    let published = 0;
    while (!this.stopped && Date.now() < deadline) {
      const round = await this.round();
      published += round.published;
      if (round.claimed === 0 || round.failed) break;
    }
    return published;
  }

  /**
   * The lease under which OutboxStore inserts new documents already held by this relay, or undefined when
   * they go in free for any relay to claim: this relay is off or stopping, Kafka is failing (claims are
   * cautious then), or it does not poll that collection. Why: the new documents' entries are in memory, and
   * claiming them back (a find, a lease write on every document, a find of their outbox: on FerretDB the
   * writes cost about what the insert did) would only learn what the insert knew. Should this process die
   * before releasing them, their lease runs out and any relay claims them, as it claims any document.
   */
  leaseForInsert(collection: object): InsertLease | undefined {
    if (!this.options.enabled || this.stopped || this.flushing || this.cautious || this.outOfReach) return undefined;
    const handle = this.leases.handleOn(collection);
    return handle && this.adoptions.lease(handle, this.options.leaseMs);
  }

  /** Takes documents inserted under `lease`, with their entries, into the next round and asks for one. */
  adopt(lease: InsertLease, inserted: Inserted[]): void {
    this.adoptions.add(lease, inserted);
    this.nudge();
  }

  /** Asks for a drain now (called right after a write), coalescing with one in progress. */
  nudge(): void {
    if (!this.options.enabled || this.stopped || this.flushing) return;
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

  /** Publishes rounds until nothing is left to claim or a send fails; returns the entries published. */
  async drainAll(): Promise<number> {
    let published = 0;
    while (!this.stopped) {
      const round = await this.round();
      published += round.published;
      if (round.claimed === 0 || round.failed) break;
    }
    return published;
  }

  private async round(): Promise<Round> {
    // Connecting (after an outage: a new producer id, metadata) is not charged to any lease.
    if (!(await this.producerReady())) return { claimed: 0, published: 0, failed: true };
    const hold = this.adoptions.take() ?? (await this.claim());
    if (!hold) return { claimed: 0, published: 0, failed: false };
    const { docs, token } = hold;
    const { sent, refused, failed } = await this.publish(docs, hold.at + this.options.leaseMs / 3);
    this.cautious = failed;
    await this.release(docs, token, sent, refused);
    this.countRefused(docs, refused);
    return { claimed: docs.length, published: sent.size, failed };
  }

  /** Leases free documents: written while no relay took them at insert, updated since, or whose lease ran out. */
  private async claim(): Promise<Hold | undefined> {
    const at = Date.now();
    const token = this.nextToken();
    const limit = this.cautious ? 1 : (this.options.claimLimit ?? 100);
    const docs = await this.leases.claim(token, new Date(at), new Date(at + this.options.leaseMs), limit);
    return docs.length > 0 ? { token, at, docs } : undefined;
  }

  /** A lease token of its own for each claim or group of inserts: only its holder may release what it leased. */
  private nextToken(): string {
    return `${this.owner}/${++this.claims}`;
  }

  private async producerReady(): Promise<boolean> {
    try {
      await this.producer.ready?.(this.options.leaseMs / 3);
      if (this.outOfReach) this.logger.log('Kafka is back; publishing the outbox');
      this.outOfReach = false;
      return true;
    } catch (error) {
      if (!this.outOfReach) this.logger.warn(`Kafka is out of reach; the outbox waits: ${String(error)}`);
      this.outOfReach = true;
      return false;
    }
  }

  /**
   * Sends the claimed entries in as few requests as the size limit allows (one entry per request while
   * cautious), each bounded by the deadline. A request the broker refuses for good is split into single
   * entries, and a single entry it refuses is set aside: the rest still go out, in order. (The refused
   * request may have landed on other partitions: those entries may go out twice, as after any failed send.)
   */
  private async publish(docs: Claimed[], deadline: number): Promise<Sent> {
    const result: Sent = { sent: new Set(), refused: new Map(), failed: false };
    const queue = [...batches(docs, this.cautious ? 0 : (this.options.maxBatchBytes ?? MAX_EVENT_BYTES))];
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const left = deadline - Date.now();
      try {
        if (left <= 0) throw new Error('the lease budget for sending ran out');
        await this.producer.publish(batch, left);
      } catch (error) {
        const reason = refusalReason(error);
        if (reason && batch.length > 1) queue.unshift(...batch.map((entry) => [entry]));
        else if (reason) result.refused.set(batch[0]!.id, `${reason}: ${String(error)}`);
        else {
          this.logger.warn(`outbox publish failed, ${result.sent.size} of the round's entries sent: ${String(error)}`);
          return { ...result, failed: true };
        }
        continue;
      }
      for (const entry of batch) result.sent.add(entry.id);
    }
    return result;
  }

  /** After a failure the lease is kept for one more send budget: any relay retries soon, none while a send may land. */
  private async release(
    docs: Claimed[],
    token: string,
    sent: Set<string>,
    refused: Map<string, string>,
  ): Promise<void> {
    const retryAt = new Date(Date.now() + this.options.leaseMs / 3);
    const held = await this.leases.release(docs, token, { sent, refused }, retryAt);
    if (held < docs.length) {
      this.logger.warn(`${docs.length - held} outbox lease(s) expired before release; another relay took over`);
    }
  }

  /** An operator's signal (metric, alert, error log) for every entry set aside. */
  private countRefused(docs: Claimed[], refused: Map<string, string>): void {
    for (const doc of docs) {
      for (const entry of doc.entries.filter((e) => refused.has(e.id))) {
        this.metrics.outboxRefused.inc({ topic: entry.topic });
        this.logger.error(
          `outbox entry ${entry.id} (${entry.topic}, key ${entry.key}) refused by Kafka for good, moved to ` +
            `outboxRejected of ${doc.id}: ${refused.get(entry.id)}`,
        );
      }
    }
  }
}

/** Cuts the documents' entries, in order, into batches of at most `maxBytes` (an oversized entry goes alone). */
function* batches(docs: Claimed[], maxBytes: number): Generator<OutboxEntry[]> {
  let batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of docs.flatMap((d) => d.entries)) {
    const size = serializedBytes(entry);
    if (batch.length > 0 && bytes + size > maxBytes) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

/** Waits for `work` to settle, but no longer than `ms`. */
async function settledWithin(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work?.catch(() => undefined), late]);
  clearTimeout(timer);
}
