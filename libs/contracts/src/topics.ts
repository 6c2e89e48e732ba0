import { KAFKA_MESSAGE_MAX_BYTES } from './limits';

/**
 * Kafka topic names. Never rename one: consumers, offsets and the compacted content log
 * are bound to these names. A breaking change is a new topic with a new `.vN` suffix.
 */
export const Topics = {
  /** Stories pushed by internal services, one canonical submission per message. */
  IngestSubmissions: 'ingest.submissions.v1',
  /** Stories that ingest accepted, keyed by `source:externalId`. */
  ArticlesIngested: 'articles.ingested.v1',
  /** Submissions that ingest refused, with the reasons. */
  IngestRejected: 'ingest.rejected.v1',
  /** The content log: every published state of every article, keyed by article id. */
  ArticlesContent: 'articles.content.v1',
  /** Dead letters that were replayed, keyed by `<group>/<dlqTopic>/<partition>/<offset>` (compacted: the latest per key). */
  DlqReplays: 'dlq.replays.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The dead-letter topic of a topic: where messages that could not be processed go. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries: Array<{ name: string; value: string }>;
}

const forever = { name: 'retention.ms', value: '-1' };
/** Stated on every topic so a broker default can never differ from what producers are held to. */
const sized = { name: 'max.message.bytes', value: String(KAFKA_MESSAGE_MAX_BYTES) };

/** Partition counts set each consumer group's parallelism; the content log is compacted and kept forever. */
export const TopicSpecs: readonly TopicSpec[] = [
  { topic: Topics.IngestSubmissions, numPartitions: 3, configEntries: [sized] },
  { topic: Topics.ArticlesIngested, numPartitions: 3, configEntries: [sized] },
  { topic: Topics.IngestRejected, numPartitions: 1, configEntries: [sized] },
  {
    topic: Topics.ArticlesContent,
    numPartitions: 6,
    configEntries: [{ name: 'cleanup.policy', value: 'compact' }, forever, sized],
  },
  {
    topic: Topics.DlqReplays,
    numPartitions: 1,
    configEntries: [{ name: 'cleanup.policy', value: 'compact' }, forever, sized],
  },
  ...[Topics.IngestSubmissions, Topics.ArticlesIngested, Topics.ArticlesContent].map((topic) => ({
    topic: deadLetterTopic(topic),
    numPartitions: 1,
    configEntries: [forever, sized],
  })),
];
