import {
  ArticleContent,
  assertEventPlacement,
  ContentEventTypes,
  isEventOf,
  parseEventJson,
  Topics,
} from '@broadsheet/contracts';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';

/** What the follower hands its writer: the content states of one fetched batch, and how many events it read. */
export interface FollowedBatch {
  contents: ArticleContent[];
  events: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the content log from its start with a consumer group of its own, handing each fetched batch to
 * `write` and recording, per partition, the next offset whose effects are durable. Messages that are not
 * valid content events are skipped: the live group dead-letters them once, a replay need not again.
 */
export class LogFollower {
  private consumer?: Consumer;
  readonly next = new Map<number, bigint>();
  skipped = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    readonly groupId: string,
    private readonly write: (batch: FollowedBatch, payload: EachBatchPayload) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: this.groupId, heartbeatInterval: 1_000, sessionTimeout: 30_000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 6,
      eachBatch: (payload) => this.handle(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const { partition, messages } = payload.batch;
    const last = messages.at(-1);
    if (!last || !payload.isRunning() || payload.isStale()) return;
    const contents = messages.flatMap((m) => this.contentOf(m));
    await this.write({ contents, events: messages.length }, payload);
    payload.resolveOffset(last.offset);
    this.next.set(partition, BigInt(last.offset) + 1n);
  }

  private contentOf(message: KafkaMessage): ArticleContent[] {
    if (message.value === null) return [];
    try {
      const event = parseEventJson(utf8.decode(message.value));
      assertEventPlacement(Topics.ArticlesContent, event, message.key?.toString() ?? null);
      return isEventOf(event, ContentEventTypes) ? [event.data] : [];
    } catch {
      this.skipped += 1;
      return [];
    }
  }
}
