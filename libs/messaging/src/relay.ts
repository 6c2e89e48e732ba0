import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { OutboxEntry } from './outbox';
import { Claimed, OutboxLeases } from './outbox-store-leases';
import type { OutboxPublisher } from './producer';

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
  /** Most bytes of events per Kafka request: a broker refuses a batch over `message.max.bytes` (1 MB). */
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

/**
 * Publishes outbox entries to Kafka and removes them once acknowledged. Several replicas may run: each
 * round claims up to `claimLimit` documents with a lease (one atomic conditional write per document),
 * publishes all their entries in one batch, in order, and releases them. Only the claim that holds a
 * document's lease removes its entries or releases it, so a relay that failed or ran out of lease
 * touches nothing another relay took over.
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

  private readonly leases: OutboxLeases;

  constructor(
    connection: Connection,
    private readonly producer: OutboxPublisher,
    private readonly options: RelayOptions,
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
    const claimedAt = Date.now();
    const token = `${this.owner}/${++this.claims}`;
    const limit = this.cautious ? 1 : (this.options.claimLimit ?? 100);
    const until = new Date(claimedAt + this.options.leaseMs);
    const docs = await this.leases.claim(token, new Date(claimedAt), until, limit);
    if (docs.length === 0) return { claimed: 0, published: 0, failed: false };
    const { sent, failed } = await this.publish(docs, claimedAt + this.options.leaseMs / 3);
    this.cautious = failed;
    await this.release(docs, token, sent);
    return { claimed: docs.length, published: sent.size, failed };
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

  /** Sends the claimed entries in as few requests as the size limit allows, each bounded by the deadline. */
  private async publish(docs: Claimed[], deadline: number): Promise<{ sent: Set<string>; failed: boolean }> {
    const sent = new Set<string>();
    for (const batch of batches(docs, this.options.maxBatchBytes ?? 800_000)) {
      const left = deadline - Date.now();
      try {
        if (left <= 0) throw new Error('the lease budget for sending ran out');
        await this.producer.publish(batch, left);
      } catch (error) {
        this.logger.warn(`outbox publish failed, ${sent.size} of the round's entries sent: ${String(error)}`);
        return { sent, failed: true };
      }
      for (const entry of batch) sent.add(entry.id);
    }
    return { sent, failed: false };
  }

  /** After a failure the lease is kept for one more send budget: any relay retries soon, none while a send may land. */
  private async release(docs: Claimed[], token: string, sent: Set<string>): Promise<void> {
    const retryAt = new Date(Date.now() + this.options.leaseMs / 3);
    const held = await this.leases.release(docs, token, sent, retryAt);
    if (held < docs.length) {
      this.logger.warn(`${docs.length - held} outbox lease(s) expired before release; another relay took over`);
    }
  }
}

/** Cuts the documents' entries, in order, into batches of at most `maxBytes` (an oversized entry goes alone). */
function* batches(docs: Claimed[], maxBytes: number): Generator<OutboxEntry[]> {
  let batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of docs.flatMap((d) => d.entries)) {
    const size = Buffer.byteLength(entry.value) + Buffer.byteLength(JSON.stringify(entry.headers)) + entry.key.length;
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
