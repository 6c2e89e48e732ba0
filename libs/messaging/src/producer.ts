import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthRegistry, Metrics } from '@broadsheet/observability';
import { Admin, IHeaders, Kafka, Producer } from 'kafkajs';
import { createProducer, prefixed } from './kafka';
import { OutboxEntry } from './outbox';

export interface RawMessage {
  key: string | null;
  value: string | Buffer | null;
  headers: IHeaders;
}

/** The service's one Kafka producer; also answers the Kafka readiness check. */
@Injectable()
export class EventProducer implements OnModuleInit, OnApplicationShutdown {
  private readonly producer: Producer;
  private readonly admin: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
  ) {
    this.producer = createProducer(kafka);
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    this.health.register('kafka', async () => {
      await this.admin.describeCluster();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /** Publishes outbox entries; resolves once every broker in the ISR has them (acks=all). */
  async publish(entries: OutboxEntry[]): Promise<void> {
    const byTopic = new Map<string, OutboxEntry[]>();
    for (const entry of entries) byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), entry]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: prefixed(this.topicPrefix, topic),
        messages: list.map((e) => ({ key: e.key, value: e.value, headers: e.headers })),
      })),
    });
    for (const [topic, list] of byTopic) this.metrics.outboxPublished.inc({ topic }, list.length);
  }

  /** Sends already-serialized messages to a logical topic (dead letters, replays). */
  async sendRaw(topic: string, messages: RawMessage[]): Promise<void> {
    await this.producer.send({ acks: -1, topic: prefixed(this.topicPrefix, topic), messages });
  }
}
