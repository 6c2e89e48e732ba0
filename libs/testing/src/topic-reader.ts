import { Admin, Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../../../tools/platform/wait';

export interface ReadMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

const text = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));

/** Reads a topic from its start in a group of its own, keeping every message for assertions. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private readonly consumer: Consumer;
  private readonly admin: Admin;

  private constructor(
    kafka: Kafka,
    private readonly topic: string,
  ) {
    this.consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, heartbeatInterval: 1_000 });
    this.admin = kafka.admin();
  }

  static async open(brokers: string, topic: string): Promise<TopicReader> {
    const reader = new TopicReader(
      new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING }),
      topic,
    );
    await reader.admin.connect();
    await reader.consumer.connect();
    await reader.consumer.subscribe({ topic, fromBeginning: true });
    await reader.consumer.run({
      eachMessage: ({ message, partition }) => {
        reader.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers: text(message.headers),
          partition,
          offset: message.offset,
        });
        return Promise.resolve();
      },
    });
    return reader;
  }

  /** Waits until at least `count` messages matching `match` arrived, and returns those. */
  async waitFor(
    count: number,
    match: (m: ReadMessage) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<ReadMessage[]> {
    return waitFor(
      () => {
        const found = this.messages.filter(match);
        return found.length >= count ? found : undefined;
      },
      `${count} message(s)`,
      timeoutMs,
    );
  }

  /**
   * Everything the topic holds right now: waits until this reader has read up to the end offset of
   * every partition as the broker reports it at the call. "Nothing more arrived" is then a fact about
   * the topic, not about how long a test slept.
   */
  async readToEnd(timeoutMs = 30_000): Promise<ReadMessage[]> {
    const ends = await this.admin.fetchTopicOffsets(this.topic);
    const seen = (partition: number): bigint =>
      this.messages
        .filter((m) => m.partition === partition)
        .reduce((max, m) => (BigInt(m.offset) >= max ? BigInt(m.offset) + 1n : max), 0n);
    await waitFor(
      () => (ends.every((p) => seen(p.partition) >= BigInt(p.high)) ? true : undefined),
      `${this.topic} read to its end offsets`,
      timeoutMs,
    );
    return [...this.messages];
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.consumer.disconnect(), this.admin.disconnect()]);
  }
}
