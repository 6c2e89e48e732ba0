import { HealthRegistry, Metrics } from '@broadsheet/observability';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { Logger } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { BatchRun } from './consumer-batch';
import { PartitionCommits } from './consumer-commits';
import { TopicHandler } from './consumer-handler';
import { ConsumerStalls } from './consumer-stalls';
import { DeadLetterWriter } from './dead-letter';
import { prefixed } from './kafka';
import { EventProducer } from './producer';

export { BatchExtras, KafkaEventContext } from './consumer-handler';

/** The longest a stop waits for deferred effects to settle before leaving the group (the rest is read again). */
const CLOSE_DRAIN_MS = 10_000;

export interface ConsumerOptions {
  groupId: string;
  topicPrefix: string;
  /** Attempts a message (or batch) whose failure is unknown gets before it goes to the dead-letter topic. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt, capped at maxBackoffMs. */
  backoffMs: number;
  /** Longest wait between two attempts while a dependency is down (default 10 s). */
  maxBackoffMs?: number;
  /** Partitions handled in parallel; order within a partition is kept. */
  partitionsConcurrently: number;
  /** Read the topic from its start when the group has no committed offset. */
  fromBeginning: boolean;
  /** Fetch sizes for a consumer that handles large batches better than many small ones (kafkajs defaults otherwise). */
  fetch?: ConsumerFetchOptions;
}

/**
 * kafkajs fetch limits: how much one fetch brings per partition and in all, and how long the broker
 * may hold a fetch (maxWaitTimeInMs) to gather minBytes; the hold is also the delay a quiet log adds.
 */
export interface ConsumerFetchOptions {
  maxBytesPerPartition?: number;
  maxBytes?: number;
  minBytes?: number;
  maxWaitTimeInMs?: number;
}

/**
 * A @nestjs/microservices transport on kafkajs with the platform's delivery rules: handlers get
 * validated events; a message that cannot be processed (invalid, rejected, or a bug that outlasts
 * bounded retries) goes to `<topic>.dlq`; a dependency that is down stalls the partition until it is
 * back, never dead-lettering; offsets are committed once per batch, after the effects are durable.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly stalls: ConsumerStalls;
  private readonly deadLetters: DeadLetterWriter;
  private readonly commits = new Map<string, PartitionCommits>();
  private readonly log = new Logger('KafkaEventServer');

  constructor(
    private readonly kafka: Kafka,
    producer: EventProducer,
    private readonly metrics: Metrics,
    health: HealthRegistry,
    readonly options: ConsumerOptions,
  ) {
    super();
    this.stalls = new ConsumerStalls(metrics, options.groupId);
    this.stalls.register(health);
    this.deadLetters = new DeadLetterWriter(producer, metrics, options.groupId);
  }

  /** The logical topics this consumer has handlers for. */
  get topics(): string[] {
    return [...this.messageHandlers.keys()];
  }

  /** A topic's handler, for replaying its dead letters through the same path. */
  handlerFor(topic: string): TopicHandler | undefined {
    const handler = this.messageHandlers.get(topic);
    return handler && new TopicHandler(topic, handler);
  }

  async listen(callback: () => void): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      heartbeatInterval: 1_000,
      sessionTimeout: 30_000,
      ...this.options.fetch,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.topics.map((t) => prefixed(this.options.topicPrefix, t)),
      fromBeginning: this.options.fromBeginning,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    callback();
  }

  /** Stops fetching, lets deferred effects settle and be committed (bounded), then leaves the group. */
  async close(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    if ([...this.commits.values()].some((c) => !c.idle)) {
      consumer.pause(this.topics.map((t) => ({ topic: prefixed(this.options.topicPrefix, t) })));
      await Promise.race([this.drained(), delay(CLOSE_DRAIN_MS, undefined, { ref: false })]);
    }
    await consumer.disconnect();
  }

  private async drained(): Promise<void> {
    while ([...this.commits.values()].some((c) => !c.idle)) {
      await Promise.all([...this.commits.values()].map((c) => c.drained()));
    }
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { topic: physical, partition } = payload.batch;
    const handler = this.handlerFor(physical.slice(this.options.topicPrefix.length));
    if (!handler) return;
    // A stall loops inside this call (heartbeating), so kafkajs fetches nothing more for this partition meanwhile.
    await new BatchRun(payload, handler, {
      metrics: this.metrics,
      stalls: this.stalls,
      deadLetters: this.deadLetters,
      maxAttempts: this.options.maxAttempts,
      backoffMs: this.options.backoffMs,
      maxBackoffMs: this.options.maxBackoffMs ?? 10_000,
      commits: this.partitionCommits(physical, partition),
    }).run();
  }

  private partitionCommits(topic: string, partition: number): PartitionCommits {
    const key = `${topic}|${partition}`;
    let commits = this.commits.get(key);
    if (!commits) {
      commits = new PartitionCommits({
        commit: async (offset) => this.consumer?.commitOffsets([{ topic, partition, offset }]),
        rewind: (offset) => this.consumer?.seek({ topic, partition, offset }),
        onRewind: (offset, error) =>
          this.log.warn(`${topic}[${partition}] read again from ${offset}: a deferred write failed (${String(error)})`),
      });
      this.commits.set(key, commits);
    }
    return commits;
  }
}
