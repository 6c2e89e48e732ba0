import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthRegistry, Metrics } from '@broadsheet/observability';
import { Admin, IHeaders, Kafka, Message, Producer } from 'kafkajs';
import { createFencedProducer, FencedProducer, KafkaOptions, prefixed } from './kafka';
import { OutboxEntry } from './outbox';

export interface RawMessage {
  key: string | null;
  value: string | Buffer | null;
  headers: IHeaders;
}

export interface ProducerOptions extends KafkaOptions {
  /** Longest a send may take when the caller names no bound; it then fails and the caller keeps its messages. */
  sendTimeoutMs?: number;
}

/** What the outbox relay needs of a producer: a batch that is either acknowledged or failed within `timeoutMs`. */
export interface OutboxPublisher {
  /** Connected, or failed within `timeoutMs`: the relay claims nothing while Kafka is out of reach. */
  ready?(timeoutMs: number): Promise<void>;
  publish(entries: OutboxEntry[], timeoutMs?: number): Promise<void>;
}

/** One kafkajs producer and its connection; replaced after any failed send. */
interface Generation {
  fenced: FencedProducer;
  connected: Promise<void>;
}

/**
 * The service's one Kafka producer; also answers the Kafka readiness check. Every send is bounded in
 * time; a send that fails or runs out of time retires the kafkajs producer behind it (see FencedProducer)
 * and the next send starts a fresh one.
 */
@Injectable()
export class EventProducer implements OutboxPublisher, OnModuleInit, OnApplicationShutdown {
  private readonly admin: Admin;
  private current?: Generation;

  constructor(
    kafka: Kafka,
    private readonly options: ProducerOptions,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
  ) {
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    // A broker that is still starting (its transaction coordinator loading) can take longer than one
    // producer's bounded retries: start-up keeps trying fresh producers for up to a minute.
    await this.admin.connect();
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await this.ready(10_000);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    this.health.register('kafka', async () => {
      await this.admin.describeCluster();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.retire(), this.admin.disconnect()]);
  }

  /** Resolves once a producer is connected (a fresh one after a failure); fails after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    await this.send(timeoutMs, () => Promise.resolve());
  }

  /** Publishes outbox entries in one batch; resolves once every broker in the ISR has them (acks=all). */
  async publish(entries: OutboxEntry[], timeoutMs?: number): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, key, value, headers } of entries) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key, value, headers }]);
    }
    await this.send(timeoutMs, (producer) =>
      producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic: prefixed(this.options.topicPrefix, topic),
          messages,
        })),
      }),
    );
    for (const [topic, list] of byTopic) this.metrics.outboxPublished.inc({ topic }, list.length);
  }

  /** Sends already-serialized messages to a logical topic (dead letters, replays). */
  async sendRaw(topic: string, messages: RawMessage[], timeoutMs?: number): Promise<void> {
    await this.send(timeoutMs, (producer) =>
      producer.send({ acks: -1, topic: prefixed(this.options.topicPrefix, topic), messages }),
    );
  }

  private async send(timeoutMs: number | undefined, work: (p: Producer) => Promise<unknown>): Promise<void> {
    const current = this.producer();
    const attempt = current.connected.then(() => work(current.fenced.producer));
    try {
      await within(timeoutMs ?? this.options.sendTimeoutMs ?? 10_000, attempt);
    } catch (error) {
      await this.retire(current);
      throw error;
    }
  }

  private producer(): Generation {
    if (!this.current) {
      const fenced = createFencedProducer(this.options);
      this.current = { fenced, connected: fenced.producer.connect() };
      this.current.connected.catch(() => undefined);
    }
    return this.current;
  }

  /** Cuts the given (by default the current) producer; the next send starts a new one. */
  private async retire(which = this.current): Promise<void> {
    if (!which) return;
    if (this.current === which) this.current = undefined;
    await which.fenced.cut();
  }
}

/** Settles with `work`, or fails once `ms` have passed (leaving `work` to be cut by the caller). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Kafka send gave up after ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
