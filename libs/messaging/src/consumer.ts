import { DomainError, DomainEvent, deadLetterTopic, parseEventJson } from '@broadsheet/contracts';
import { Metrics, withCorrelation } from '@broadsheet/observability';
import { BaseRpcContext, CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { prefixed } from './kafka';
import { EventProducer } from './producer';

export interface ConsumerOptions {
  groupId: string;
  topicPrefix: string;
  /** Attempts per message (or batch) before it goes to the dead-letter topic. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt, capped at 10 s. */
  backoffMs: number;
  /** Partitions handled in parallel; order within a partition is kept. */
  partitionsConcurrently: number;
  /** Read the topic from its start when the group has no committed offset. */
  fromBeginning: boolean;
}

/** Passed as the second handler argument; tells where a message came from. */
export class KafkaEventContext extends BaseRpcContext<[string, number, string]> {
  get topic(): string {
    return this.args[0];
  }
  get partition(): number {
    return this.args[1];
  }
  get offset(): string {
    return this.args[2];
  }
}

/** `@EventPattern(topic, { batch: true })`: the handler takes every valid event of a fetched batch at once. */
export interface BatchExtras {
  batch?: boolean;
}

interface Parsed {
  message: KafkaMessage;
  event: DomainEvent;
}

const headerText = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

/**
 * A @nestjs/microservices transport on kafkajs with the platform's delivery rules: handlers get
 * validated events, an offset is committed only after its handler succeeded, failures are retried
 * with backoff and then sent to `<topic>.dlq` with the error, and the consumer moves on.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: EventProducer,
    private readonly metrics: Metrics,
    private readonly options: ConsumerOptions,
  ) {
    super();
  }

  async listen(callback: () => void): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      heartbeatInterval: 1_000,
      sessionTimeout: 30_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: topics.map((t) => prefixed(this.options.topicPrefix, t)),
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

  async close(): Promise<void> {
    await this.consumer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private logicalTopic(topic: string): string {
    return topic.slice(this.options.topicPrefix.length);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = this.logicalTopic(batch.topic);
    const handler = this.messageHandlers.get(topic);
    if (!handler) return;
    const parsed: Parsed[] = [];
    for (const message of batch.messages) {
      try {
        parsed.push({ message, event: parseEventJson(message.value?.toString() ?? '') });
      } catch (error) {
        await this.deadLetter(topic, batch.partition, message, error, 1);
      }
    }
    const extras = handler.extras as BatchExtras | undefined;
    if (extras?.batch && parsed.length > 0) {
      const ok = await this.attempt(
        () =>
          this.invoke(
            handler,
            parsed.map((p) => p.event),
            topic,
            batch.partition,
            parsed[0]!.message,
          ),
        payload,
      );
      if (ok.ok) this.metrics.messagesConsumed.inc({ topic, outcome: 'ok' }, parsed.length);
      else for (const p of parsed) await this.handleOne(handler, topic, batch.partition, p, payload);
    } else {
      for (const p of parsed) {
        if (!payload.isRunning() || payload.isStale()) return;
        await this.handleOne(handler, topic, batch.partition, p, payload);
      }
    }
    const last = batch.messages.at(-1);
    if (last) await this.commit(payload, last.offset);
  }

  private async handleOne(
    handler: MessageHandler,
    topic: string,
    partition: number,
    p: Parsed,
    payload: EachBatchPayload,
  ): Promise<void> {
    const arg = (handler.extras as BatchExtras | undefined)?.batch ? [p.event] : p.event;
    const result = await this.attempt(() => this.invoke(handler, arg, topic, partition, p.message), payload);
    if (result.ok) this.metrics.messagesConsumed.inc({ topic, outcome: 'ok' });
    else await this.deadLetter(topic, partition, p.message, result.error, result.attempts);
    await this.commit(payload, p.message.offset);
  }

  private async invoke(
    handler: MessageHandler,
    data: unknown,
    topic: string,
    partition: number,
    message: KafkaMessage,
  ): Promise<void> {
    const correlationId = headerText(message.headers, 'correlation-id');
    await withCorrelation(correlationId, async () => {
      const result: unknown = await handler(data, new KafkaEventContext([topic, partition, message.offset]));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    });
  }

  /** Runs `fn` up to maxAttempts times with doubling backoff; a non-retryable DomainError stops at once. */
  private async attempt(
    fn: () => Promise<void>,
    payload: EachBatchPayload,
  ): Promise<{ ok: true } | { ok: false; error: unknown; attempts: number }> {
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        await fn();
        return { ok: true };
      } catch (error) {
        // Stopping or rebalancing: leave the offset uncommitted so the message is redelivered, not dead-lettered.
        if (!payload.isRunning() || payload.isStale()) throw error;
        const permanent = error instanceof DomainError && !error.retryable;
        if (permanent || attempts >= this.options.maxAttempts) return { ok: false, error, attempts };
        this.metrics.messagesConsumed.inc({ topic: this.logicalTopic(payload.batch.topic), outcome: 'retried' });
        await sleep(Math.min(this.options.backoffMs * 2 ** (attempts - 1), 10_000));
        await payload.heartbeat();
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const code = error instanceof DomainError ? error.code : 'HANDLER_FAILED';
    const details = error instanceof DomainError ? JSON.stringify(error.details) : '[]';
    this.logger.warn?.(`dead-lettering ${topic}[${partition}]@${message.offset}: ${reason}`);
    await this.producer.sendRaw(deadLetterTopic(topic), [
      {
        key: message.key?.toString() ?? null,
        value: message.value,
        headers: {
          ...message.headers,
          'dlq-error': reason.slice(0, 2_000),
          'dlq-error-code': code,
          'dlq-error-details': details.slice(0, 8_000),
          'dlq-original-topic': topic,
          'dlq-original-partition': String(partition),
          'dlq-original-offset': message.offset,
          'dlq-consumer-group': this.options.groupId,
          'dlq-attempts': String(attempts),
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ]);
    this.metrics.messagesConsumed.inc({ topic, outcome: 'dead_lettered' });
  }

  private async commit(payload: EachBatchPayload, offset: string): Promise<void> {
    payload.resolveOffset(offset);
    await this.consumer?.commitOffsets([
      { topic: payload.batch.topic, partition: payload.batch.partition, offset: (BigInt(offset) + 1n).toString() },
    ]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
