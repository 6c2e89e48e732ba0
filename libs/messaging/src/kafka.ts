import { Logger } from '@nestjs/common';
import { ISocketFactory, Kafka, logLevel, LogEntry, Partitioners, Producer, RetryOptions } from 'kafkajs';
import net from 'node:net';

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

// Retries are bounded on purpose and a failed producer is replaced (see FencedProducer), which is what
// keeps the idempotent producer's guarantees; kafkajs warns about bounded retries on every producer.
const expected = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

/** kafkajs logs through Nest's logger, so they come out as the service's JSON lines. */
function logCreator(quiet: () => boolean): () => (entry: LogEntry) => void {
  return () => {
    const logger = new Logger('kafkajs');
    return ({ level, log }) => {
      if (quiet()) return;
      const { message, ...extra } = log;
      const method = message === expected ? 'debug' : (levels[level] ?? 'log');
      logger[method](`${message} ${JSON.stringify(extra)}`);
    };
  };
}

/** What a producer's own client changes: its sockets, its retries, and silence once retired. */
interface ClientTuning {
  socketFactory?: ISocketFactory;
  retry?: RetryOptions;
  quiet?: () => boolean;
}

export function createKafka(options: KafkaOptions, tuning: ClientTuning = {}): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: logCreator(tuning.quiet ?? (() => false)),
    retry: tuning.retry ?? { initialRetryTime: 200, retries: 8 },
    socketFactory: tuning.socketFactory,
  });
}

/** About 3 s of backoff in all: a send, and a reconnect inside it, end well inside the relay's lease. */
const boundedRetry: RetryOptions = { initialRetryTime: 100, maxRetryTime: 1_000, retries: 5 };

/** Idempotent, acks=all producer: its own retries never duplicate or reorder within a partition. */
function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: boundedRetry,
  });
}

/** A producer on a Kafka client of its own whose connections can all be cut at once. */
export interface FencedProducer {
  producer: Producer;
  /**
   * Destroys every socket and refuses new ones, then disconnects. A send that was given up on cannot
   * go on retrying behind the caller's back (kafkajs reconnects inside a send), and a replacement gets
   * a new producer id: kafkajs rewinds its sequence numbers after a failure even when the broker may
   * have written the batch, so reusing the producer could make the broker drop a later batch as a duplicate.
   */
  cut(): Promise<void>;
}

export function createFencedProducer(options: KafkaOptions): FencedProducer {
  const sockets = new Set<net.Socket>();
  let fenced = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    // No TLS: the platform's brokers are reached in plaintext (KafkaOptions has no ssl settings).
    const socket = fenced ? new net.Socket() : net.connect({ host, port }, onConnect);
    if (fenced) process.nextTick(() => socket.destroy(new Error('producer retired')));
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
  const producer = createProducer(createKafka(options, { socketFactory, retry: boundedRetry, quiet: () => fenced }));
  return {
    producer,
    async cut() {
      fenced = true;
      for (const socket of sockets) socket.destroy();
      await producer.disconnect().catch(() => undefined);
    },
  };
}

export function prefixed(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}
