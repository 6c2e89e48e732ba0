import { Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';
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

  private constructor(kafka: Kafka) {
    this.consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, heartbeatInterval: 1_000 });
  }

  static async open(brokers: string, topic: string): Promise<TopicReader> {
    const reader = new TopicReader(
      new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING }),
    );
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

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}
