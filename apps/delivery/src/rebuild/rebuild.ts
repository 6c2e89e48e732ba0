import { ContentEventTypes, isEventOf, Topics } from '@broadsheet/contracts';
import { endOffsetsNow, PartitionOffsets, replayTopic } from '@broadsheet/messaging';
import { Kafka } from 'kafkajs';
import { Connection } from 'mongoose';
import { ReadModelRepository } from '../articles/read-model.repository';
import { READ_ARTICLES, readArticleSchema } from '../articles/read-model.schema';

export type RebuildState = 'replaying' | 'switching' | 'catching_up' | 'done' | 'failed';

/** A rebuild's progress, as `GET /v1/admin/rebuild/:id` answers it. */
export interface RebuildProgress {
  id: string;
  state: RebuildState;
  /** The collection being filled; it becomes `articles` at the switch. */
  collection: string;
  /** Content-log messages to replay (up to the end offsets when the rebuild began). */
  total: number;
  read: number;
  articles: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RebuildDeps {
  connection: Connection;
  kafka: Kafka;
  topicPrefix: string;
  /** Records the progress where every replica can read it; called often, and at every state change. */
  save(progress: RebuildProgress): Promise<void>;
}

/**
 * Rebuilds delivery's read model from the content log alone: replays it up to today's end offsets into
 * a fresh collection (with the read model's indexes), renames that over `articles` and then replays what
 * arrived meanwhile into it. The live consumer keeps applying to whichever collection is `articles`;
 * every write is guarded by version, so applying an event twice changes nothing.
 */
export class Rebuild {
  readonly progress: RebuildProgress;

  constructor(
    private readonly deps: RebuildDeps,
    id: string,
  ) {
    this.progress = {
      id,
      state: 'replaying',
      collection: `${READ_ARTICLES}_rebuild_${id}`,
      total: 0,
      read: 0,
      articles: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
  }

  async run(): Promise<void> {
    try {
      const ends = await this.ends();
      this.progress.total = await this.messagesUpTo(ends);
      await this.createIndexes();
      await this.deps.save(this.progress);
      await this.replay(new ReadModelRepository(this.deps.connection, this.progress.collection), undefined, ends);
      await this.enter('switching');
      await this.switchOver();
      await this.enter('catching_up');
      const now = await this.ends();
      await this.replay(new ReadModelRepository(this.deps.connection), ends, now);
      this.progress.articles = await this.deps.connection.collection(READ_ARTICLES).countDocuments();
      this.progress.finishedAt = new Date().toISOString();
      await this.enter('done');
    } catch (error) {
      this.progress.error = error instanceof Error ? error.message : String(error);
      this.progress.finishedAt = new Date().toISOString();
      await this.enter('failed').catch(() => undefined);
      // A failed replay leaves its fresh collection behind; `articles` was never touched before the switch.
      await this.deps.connection.db?.dropCollection(this.progress.collection).catch(() => undefined);
    }
  }

  private async enter(state: RebuildState): Promise<void> {
    this.progress.state = state;
    await this.deps.save(this.progress);
  }

  private ends(): Promise<PartitionOffsets> {
    return endOffsetsNow(this.deps.kafka, this.deps.topicPrefix, Topics.ArticlesContent);
  }

  /** From the start offsets, which compaction moves: what the replay will actually read. */
  private async messagesUpTo(ends: PartitionOffsets): Promise<number> {
    const admin = this.deps.kafka.admin();
    await admin.connect();
    try {
      const lows = await admin.fetchTopicOffsets(`${this.deps.topicPrefix}${Topics.ArticlesContent}`);
      return lows.reduce((sum, p) => sum + Number((ends.get(p.partition) ?? 0n) - BigInt(p.low)), 0);
    } finally {
      await admin.disconnect();
    }
  }

  private async createIndexes(): Promise<void> {
    const fresh = this.deps.connection.collection(this.progress.collection);
    for (const [fields, options] of readArticleSchema.indexes()) {
      const unique = Array.isArray(options.unique) ? options.unique[0] : options.unique;
      await fresh.createIndex(fields as Record<string, 1 | -1>, { ...options, unique });
    }
  }

  private async replay(target: ReadModelRepository, from: PartitionOffsets | undefined, to: PartitionOffsets) {
    await replayTopic(
      this.deps.kafka,
      { topic: Topics.ArticlesContent, topicPrefix: this.deps.topicPrefix, from, to },
      async (events, read) => {
        for (const event of events) if (isEventOf(event, ContentEventTypes)) await target.apply(event.data);
        if (!from) this.progress.read = read;
        await this.deps.save(this.progress);
      },
    );
  }

  /** One rename replaces the old collection; readers see the old one or the new one, never none. */
  private async switchOver(): Promise<void> {
    const db = this.deps.connection.db;
    if (!db) throw new Error('the store connection is not open');
    await db.renameCollection(this.progress.collection, READ_ARTICLES, { dropTarget: true });
  }
}
