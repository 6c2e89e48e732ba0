import { Admin, Kafka, logLevel } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries?: Array<{ name: string; value: string }>;
}

/**
 * Creates the topics that do not exist yet and waits for their leaders.
 * Existing topics are left as they are (their partitions and configs are not
 * compared), so it is safe to call from every process that needs them.
 */
export async function ensureTopics(brokers: string, specs: TopicSpec[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'broadsheet-topics',
    brokers: brokers.split(',').map((b) => b.trim()),
    // Retried metadata errors while leaders are elected are expected; real failures are thrown.
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    // A concurrent creator can still win the race; kafkajs then reports "already exists" as `false`.
    // No replicationFactor: the broker's default.replication.factor fits a one-node and a real cluster alike.
    await admin.createTopics({
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.numPartitions,
        configEntries: s.configEntries ?? [],
      })),
      waitForLeaders: false,
    });
    await waitForLeaders(
      admin,
      missing.map((s) => s.topic),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * kafkajs' own leader wait gives up on "does not host this topic-partition", which a broker
 * answers while several topics are being created at once; this one keeps asking for 30 s.
 */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (
        meta.length === topics.length &&
        meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
      )
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics have no leaders after 30 s: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
