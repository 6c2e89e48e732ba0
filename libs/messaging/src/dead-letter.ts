import { Logger } from '@nestjs/common';
import { DomainError, deadLetterTopic } from '@broadsheet/contracts';
import { Metrics } from '@broadsheet/observability';
import { KafkaMessage } from 'kafkajs';
import { headerText } from './consumer-handler';
import { EventProducer } from './producer';

/** Headers a dead letter carries beside the original ones. Never rename one: tools and replays read them. */
export const DeadLetterHeaders = {
  error: 'dlq-error',
  errorCode: 'dlq-error-code',
  errorDetails: 'dlq-error-details',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/** What a handler bug (not a DomainError) is recorded as. */
export const HANDLER_FAILED = 'HANDLER_FAILED';

/** A dead letter as `GET /v1/admin/dlq` shows it. */
export interface DeadLetter {
  /** Where the dead letter itself is: the dead-letter topic, its partition and offset. */
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  /** Where the message was consumed from. */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  errorCode: string;
  error: string;
  failedAt: string;
  attempts: number;
  /** When it was replayed (successfully), or null. */
  replayedAt: string | null;
}

/** Sends messages that cannot be processed to `<topic>.dlq`, with the error and the original headers. */
export class DeadLetterWriter {
  private readonly logger = new Logger('DeadLetters');

  constructor(
    private readonly producer: EventProducer,
    private readonly metrics: Metrics,
    private readonly group: string,
  ) {}

  async write(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const h = DeadLetterHeaders;
    this.logger.warn(`dead-lettering ${topic}[${partition}]@${message.offset} after ${attempts} attempt(s): ${reason}`);
    await this.producer.sendRaw(deadLetterTopic(topic), [
      {
        key: message.key?.toString() ?? null,
        value: message.value,
        headers: {
          ...message.headers,
          [h.error]: reason.slice(0, 2_000),
          [h.errorCode]: error instanceof DomainError ? error.code : HANDLER_FAILED,
          [h.errorDetails]: (error instanceof DomainError ? JSON.stringify(error.details) : '[]').slice(0, 8_000),
          [h.originalTopic]: topic,
          [h.originalPartition]: String(partition),
          [h.originalOffset]: message.offset,
          [h.consumerGroup]: this.group,
          [h.attempts]: String(attempts),
          [h.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    this.metrics.messagesConsumed.inc({ topic, outcome: 'dead_lettered' });
  }
}

/** Reads a dead letter's record from its headers; `group` is the consumer group that wrote it. */
export function describeDeadLetter(
  dlqTopic: string,
  dlqPartition: number,
  message: KafkaMessage,
): DeadLetter & { group: string } {
  const h = (name: string): string => headerText(message.headers, name) ?? '';
  return {
    dlqTopic,
    dlqPartition,
    dlqOffset: message.offset,
    topic: h(DeadLetterHeaders.originalTopic),
    partition: Number(h(DeadLetterHeaders.originalPartition)),
    offset: h(DeadLetterHeaders.originalOffset),
    key: message.key?.toString() ?? null,
    errorCode: h(DeadLetterHeaders.errorCode),
    error: h(DeadLetterHeaders.error),
    failedAt: h(DeadLetterHeaders.failedAt),
    attempts: Number(h(DeadLetterHeaders.attempts)),
    replayedAt: null,
    group: h(DeadLetterHeaders.consumerGroup),
  };
}
