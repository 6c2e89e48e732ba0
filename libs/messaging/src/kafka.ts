import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  /** Prepended to every logical topic name (test and benchmark isolation). */
  topicPrefix: string;
}

const levels: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs through Nest's logger, so they come out as the service's JSON lines. */
function logCreator(): (entry: LogEntry) => void {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    logger[levels[level] ?? 'log'](`${message} ${JSON.stringify(extra)}`);
  };
}

export function createKafka(options: KafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/** Idempotent, acks=all producer: a retried send never duplicates or reorders within a partition. */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    // An idempotent producer keeps retrying: the outbox keeps the events meanwhile.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: Number.MAX_SAFE_INTEGER },
  });
}

export function prefixed(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}
