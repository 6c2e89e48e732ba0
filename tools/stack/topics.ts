import { Kafka, logLevel } from 'kafkajs';

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
    logLevel: logLevel.WARN,
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
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}
