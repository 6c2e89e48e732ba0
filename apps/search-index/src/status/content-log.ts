import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Topics } from '@broadsheet/contracts';
import { prefixed } from '@broadsheet/messaging';
import { APP_CONFIG, Metrics } from '@broadsheet/observability';
import { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { SearchIndexConfig } from '../config';

/** Where a consumer group stands on one partition of the content log. */
export interface PartitionPosition {
  partition: number;
  /** The next offset the group will read (everything before it is applied); 0 when it has committed nothing. */
  nextOffset: string;
  /** The partition's end: the offset the next message will get. */
  endOffset: string;
  /** Messages not yet applied. */
  lag: number;
}

/** The content log's offsets as Kafka's admin API reports them, and the live group's lag as a metric. */
@Injectable()
export class ContentLog implements OnModuleInit, OnModuleDestroy {
  readonly topic: string;
  readonly liveGroup: string;
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    @Inject(APP_CONFIG) config: SearchIndexConfig,
    private readonly metrics: Metrics,
  ) {
    this.topic = prefixed(config.TOPIC_PREFIX, Topics.ArticlesContent);
    this.liveGroup = `${config.TOPIC_PREFIX}search-index`;
    this.admin = kafka.admin();
  }

  onModuleInit(): void {
    const log = this.positions.bind(this);
    const group = this.liveGroup;
    new Gauge({
      name: 'search_index_consumer_lag',
      help: 'Content-log messages the live consumer group has not applied yet, per partition (end offset minus committed offset)',
      labelNames: ['group', 'partition'],
      registers: [this.metrics.registry],
      async collect() {
        const positions = await log(group).catch(() => []);
        for (const p of positions) this.set({ group, partition: String(p.partition) }, p.lag);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }

  /** The end offset of each partition. */
  async endOffsets(): Promise<Map<number, bigint>> {
    return new Map([...(await this.bounds()).entries()].map(([p, b]) => [p, b.end]));
  }

  /** Each partition's first offset still held and its end offset. */
  async bounds(): Promise<Map<number, { start: bigint; end: bigint }>> {
    await this.connect();
    const offsets = await this.admin.fetchTopicOffsets(this.topic);
    return new Map(offsets.map((o) => [o.partition, { start: BigInt(o.low), end: BigInt(o.high) }]));
  }

  /** A group's position on every partition, beside the partition's end. */
  async positions(groupId: string): Promise<PartitionPosition[]> {
    await this.connect();
    const [ends, [committed]] = await Promise.all([
      this.endOffsets(),
      this.admin.fetchOffsets({ groupId, topics: [this.topic] }),
    ]);
    const next = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    return [...ends.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, end]) => {
        const held = next.get(partition) ?? -1n;
        const nextOffset = held < 0n ? 0n : held;
        return { partition, nextOffset: String(nextOffset), endOffset: String(end), lag: Number(end - nextOffset) };
      });
  }

  /** Removes a finished reindex's group, so replays leave no groups behind. */
  async deleteGroup(groupId: string): Promise<void> {
    await this.connect();
    await this.admin.deleteGroups([groupId]);
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
