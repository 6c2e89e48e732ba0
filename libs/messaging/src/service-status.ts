import { deadLetterTopic, Topics } from '@broadsheet/contracts';
import type { Metrics } from '@broadsheet/observability';
import { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { Connection } from 'mongoose';
import { KafkaEventServer } from './consumer';
import { prefixed } from './kafka';
import { StatusFigures } from './status-figures';

export interface PartitionPosition {
  topic: string;
  partition: number;
  /** The next offset the group will read (committed), or null before its first commit. */
  committed: string | null;
  /** The partition's end offset (the next one to be written). */
  end: string;
  lag: number;
}

export interface OutboxBacklog {
  collection: string;
  pendingDocuments: number;
  pendingEntries: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
}

/** What `GET /v1/admin/status` answers: one service's messaging state at a glance. */
export interface ServiceStatus {
  service: string;
  at: string;
  consumer: { group: string; partitions: PartitionPosition[] } | null;
  /** Per partition of the content log, the offset of the last message this service applied. */
  contentLog: Array<{ partition: number; lastApplied: string | null }> | null;
  outbox: OutboxBacklog[];
  /** Messages on the dead-letter topic of each topic this service consumes (all groups' letters). */
  deadLetters: Array<{ topic: string; count: number }>;
  figures: Record<string, number | string>;
}

export interface StatusSources {
  service: string;
  topicPrefix: string;
  kafka: Kafka;
  figures: StatusFigures;
  server?: KafkaEventServer;
  outbox?: { connection: Connection; collections: string[] };
}

/** Reads the state the admin status reports from the broker and the store, never from process memory. */
export class ServiceStatusReader {
  constructor(private readonly sources: StatusSources) {}

  async read(): Promise<ServiceStatus> {
    const { server, service, figures } = this.sources;
    const admin = this.sources.kafka.admin();
    await admin.connect();
    try {
      const partitions = server ? await this.positions(admin, server) : null;
      const [outbox, deadLetters, counted] = await Promise.all([
        this.outboxes(),
        server ? this.deadLetters(admin, server.topics) : [],
        figures.read(),
      ]);
      return {
        service,
        at: new Date().toISOString(),
        consumer: server && partitions ? { group: server.options.groupId, partitions } : null,
        contentLog: partitions && lastApplied(partitions),
        outbox,
        deadLetters,
        figures: counted,
      };
    } finally {
      await admin.disconnect();
    }
  }

  private async positions(admin: Admin, server: KafkaEventServer): Promise<PartitionPosition[]> {
    const physical = (t: string) => prefixed(this.sources.topicPrefix, t);
    const committed = await admin.fetchOffsets({
      groupId: server.options.groupId,
      topics: server.topics.map(physical),
    });
    const rows: PartitionPosition[] = [];
    for (const topic of server.topics) {
      const ends = await admin.fetchTopicOffsets(physical(topic));
      const group = committed.find((c) => c.topic === physical(topic))?.partitions ?? [];
      for (const { partition, high, low } of ends) {
        const at = group.find((p) => p.partition === partition)?.offset;
        const done = at !== undefined && at !== '-1' ? at : null;
        const lag = Number(BigInt(high) - BigInt(done ?? low));
        rows.push({ topic, partition, committed: done, end: high, lag });
      }
    }
    return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  private async deadLetters(admin: Admin, topics: string[]): Promise<Array<{ topic: string; count: number }>> {
    return Promise.all(
      topics.map(async (topic) => {
        const dlq = deadLetterTopic(topic);
        const offsets = await admin.fetchTopicOffsets(prefixed(this.sources.topicPrefix, dlq)).catch(() => []);
        const count = offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
        return { topic: dlq, count };
      }),
    );
  }

  private async outboxes(): Promise<OutboxBacklog[]> {
    const { outbox } = this.sources;
    if (!outbox) return [];
    return Promise.all(outbox.collections.map((name) => backlog(outbox.connection, name)));
  }
}

async function backlog(connection: Connection, collection: string): Promise<OutboxBacklog> {
  const [row] = await connection
    .collection(collection)
    .aggregate<{ documents: number; entries: number; oldest: Date | null }>([
      { $match: { outboxPending: true } },
      { $project: { entries: { $size: '$outbox' }, oldest: { $min: '$outbox.createdAt' } } },
      { $group: { _id: null, documents: { $sum: 1 }, entries: { $sum: '$entries' }, oldest: { $min: '$oldest' } } },
    ])
    .toArray();
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return {
    collection,
    pendingDocuments: row?.documents ?? 0,
    pendingEntries: row?.entries ?? 0,
    oldestPendingAt: oldest?.toISOString() ?? null,
    oldestPendingAgeSeconds: oldest ? Math.round((Date.now() - oldest.getTime()) / 100) / 10 : null,
  };
}

/** The committed offset is the next to read: the last applied message is the one before it. */
function lastApplied(partitions: PartitionPosition[]): ServiceStatus['contentLog'] {
  const content = partitions.filter((p) => p.topic === Topics.ArticlesContent);
  if (content.length === 0) return null;
  return content.map((p) => ({
    partition: p.partition,
    lastApplied: p.committed === null || p.committed === '0' ? null : (BigInt(p.committed) - 1n).toString(),
  }));
}

/** The outbox gauges' names: the alerts and the dashboard read them (the deploy check holds them to it). */
export const outboxGaugeNames = ['outbox_pending_entries', 'outbox_oldest_pending_age_seconds'] as const;

/**
 * Prometheus gauges of the outbox backlog, read from the store at scrape time (one aggregate per
 * collection): what the OutboxBacklogOld alert and the dashboard watch.
 */
export function registerOutboxGauges(metrics: Metrics, connection: Connection, collections: string[]): void {
  const read = () => Promise.all(collections.map((name) => backlog(connection, name)));
  new Gauge({
    name: outboxGaugeNames[0],
    help: 'Outbox entries waiting to be published, by collection',
    labelNames: ['collection'],
    registers: [metrics.registry],
    async collect() {
      for (const b of await read()) this.set({ collection: b.collection }, b.pendingEntries);
    },
  });
  new Gauge({
    name: outboxGaugeNames[1],
    help: 'Age of the oldest outbox entry waiting to be published (0 when none), by collection',
    labelNames: ['collection'],
    registers: [metrics.registry],
    async collect() {
      for (const b of await read()) this.set({ collection: b.collection }, b.oldestPendingAgeSeconds ?? 0);
    },
  });
}
