import { Metrics } from '@broadsheet/observability';
import { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { PartitionCommits } from './consumer-commits';
import { DeferredEffects, ParsedMessage, TopicHandler } from './consumer-handler';
import { isTombstone, parseMessage } from './consumer-parse';
import { ConsumerStalls } from './consumer-stalls';
import { ConsumerStopping, retrying, RetryPolicy } from './consumer-retry';
import { DeadLetterWriter } from './dead-letter';
import { backoffDelay } from './failure';

export interface BatchRunDeps {
  metrics: Metrics;
  stalls: ConsumerStalls;
  deadLetters: DeadLetterWriter;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** The batch's partition's commits, kept in offset order across batches whose effects are deferred. */
  commits: PartitionCommits;
}

/**
 * One fetched batch of one partition. Messages are handled in order; a batch handler gets them all at
 * once and a permanent failure is isolated by bisection. The offset is committed once, at the end, or
 * up to what was completed when the consumer stops or loses the partition mid-way. A batch handler
 * may defer its effects (KafkaEventContext.commitAfter): the run then ends at once, so kafkajs fetches
 * on, and the partition's commits (PartitionCommits) commit the batch once the effects are durable.
 */
export class BatchRun {
  private readonly done = new Set<string>();
  private stalling = false;
  private readonly policy: RetryPolicy;
  private readonly generation: number;
  private deferred?: { items: ParsedMessage[]; effects: DeferredEffects };

  constructor(
    private readonly payload: EachBatchPayload,
    private readonly handler: TopicHandler,
    private readonly deps: BatchRunDeps,
  ) {
    this.policy = {
      maxAttempts: deps.maxAttempts,
      backoffMs: deps.backoffMs,
      maxBackoffMs: deps.maxBackoffMs,
      waitOutTransient: true,
      pause: (ms) => this.pause(ms),
      assertRunning: () => this.assertRunning(),
      onTransient: (error) => this.stalled(error),
      onRetry: () => deps.metrics.messagesConsumed.inc({ topic: handler.topic, outcome: 'retried' }),
    };
    this.generation = deps.commits.current;
  }

  private get partition(): number {
    return this.payload.batch.partition;
  }

  async run(): Promise<void> {
    try {
      const valid = await this.parseAll(this.payload.batch.messages);
      const first = this.payload.batch.messages[0];
      const deferring = first !== undefined && !this.deps.commits.redelivering(first.offset);
      if (this.handler.batched) await this.settle(valid, deferring);
      else for (const item of valid) await this.settle([item]);
    } catch (error) {
      // Stopping or rebalancing: keep what is done, leave the rest uncommitted for redelivery.
      await this.commitDone().catch(() => undefined);
      if (error instanceof ConsumerStopping) return;
      throw error;
    } finally {
      this.recovered();
    }
    await this.commitDone();
  }

  /** Messages that are not valid events here go straight to the dead-letter topic; tombstones are skipped. */
  private async parseAll(messages: KafkaMessage[]): Promise<ParsedMessage[]> {
    const valid: ParsedMessage[] = [];
    for (const message of messages) {
      if (this.deps.commits.wasHandled(message.offset)) {
        // Dead-lettered or skipped already, before a failed deferred write made the partition read again.
        this.done.add(message.offset);
        continue;
      }
      if (isTombstone(this.handler.topic, message)) {
        this.deps.metrics.messagesConsumed.inc({ topic: this.handler.topic, outcome: 'tombstone' });
        this.done.add(message.offset);
        continue;
      }
      try {
        valid.push(parseMessage(this.handler.topic, message));
      } catch (error) {
        await this.deadLetter(message, error, 1);
        this.done.add(message.offset);
      }
    }
    return valid;
  }

  /**
   * Handles items; when a batch of several fails for good, each half is retried on its own, recursively.
   * Only the whole batch may be `deferring`: halves are settled synchronously.
   */
  private async settle(items: ParsedMessage[], deferring = false): Promise<void> {
    if (items.length === 0) return;
    this.assertRunning();
    let effects: DeferredEffects | undefined;
    // A batch that fails is bisected at once: its halves are the next attempts.
    const result = await retrying(
      async () => void (effects = await this.handler.run(items, this.partition, deferring)),
      this.policy,
      items.length > 1 ? 1 : this.deps.maxAttempts,
    );
    this.recovered();
    if (result.ok && effects) {
      this.deferred = { items, effects };
      return;
    }
    if (result.ok) {
      this.handled(items);
      return;
    } else if (items.length === 1) {
      await this.deadLetter(items[0]!.message, result.error, result.attempts);
    } else {
      const half = Math.ceil(items.length / 2);
      await this.settle(items.slice(0, half));
      await this.settle(items.slice(half));
      return;
    }
    for (const { message } of items) this.done.add(message.offset);
  }

  private handled(items: ParsedMessage[]): void {
    this.deps.metrics.messagesConsumed.inc({ topic: this.handler.topic, outcome: 'ok' }, items.length);
    for (const { message } of items) this.done.add(message.offset);
  }

  /** A message is committed only once its dead letter is written: a broker that refuses it stalls the partition. */
  private async deadLetter(message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        await this.deps.deadLetters.write(this.handler.topic, this.partition, message, error, attempts);
        if (this.stalling) this.recovered();
        return;
      } catch (sendError) {
        this.assertRunning();
        await this.stalled(sendError);
        await this.pause(backoffDelay(tries, this.deps.backoffMs, this.deps.maxBackoffMs));
      }
    }
  }

  private recovered(): void {
    this.stalling = false;
    this.deps.stalls.recovered(this.handler.topic, this.partition);
  }

  /** Entering a stall commits what is done so far: a crash during a long outage does not redo it. */
  private async stalled(error: unknown): Promise<void> {
    // Best effort: when the broker is what is down, the commit waits for the end of the batch.
    if (!this.stalling) await this.commitDone().catch(() => undefined);
    this.stalling = true;
    this.deps.stalls.stalled(this.handler.topic, this.partition, error);
  }

  private assertRunning(): void {
    if (!this.payload.isRunning() || this.payload.isStale()) throw new ConsumerStopping();
  }

  /** Sleeps in short slices, heartbeating so the group keeps the partition here, and stops early on shutdown. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      this.assertRunning();
      await sleep(Math.min(left, 500));
      await this.payload.heartbeat();
    }
    this.assertRunning();
  }

  /** Commits the longest run of handled (or dead-lettered) messages from the start of the batch. */
  private async commitDone(): Promise<void> {
    if (this.deferred && !this.payload.isStale()) return this.handOver(this.deferred);
    const last = this.lastDone();
    if (last === undefined) return;
    this.payload.resolveOffset(last);
    // Behind deferred batches, the commit waits its turn without holding kafkajs's fetches up (a refused one is read again).
    const behind = !this.deps.commits.idle;
    const committing = this.deps.commits.commit(this.generation, next(last), [...this.done]);
    if (behind) committing.catch(() => undefined);
    else await committing;
  }

  private nextAfterDone(): string | undefined {
    const last = this.lastDone();
    return last === undefined ? undefined : next(last);
  }

  /** Deferred effects: kafkajs reads past the batch now; its offsets are committed once they are durable. */
  private handOver({ items, effects }: { items: ParsedMessage[]; effects: DeferredEffects }): void {
    const messages = this.payload.batch.messages;
    const from = messages.find(({ offset }) => !this.done.has(offset))?.offset ?? items[0]!.message.offset;
    this.payload.resolveOffset(messages[messages.length - 1]!.offset);
    const durable = effects.durable.then(() => this.handled(items));
    const batch = { from, durable, next: () => this.nextAfterDone(), handled: () => [...this.done] };
    this.deps.commits.track(this.generation, batch, next(messages[messages.length - 1]!.offset));
  }

  private lastDone(): string | undefined {
    let last: string | undefined;
    for (const { offset } of this.payload.batch.messages) {
      if (!this.done.has(offset)) break;
      last = offset;
    }
    return last;
  }
}

const next = (offset: string): string => (BigInt(offset) + 1n).toString();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
