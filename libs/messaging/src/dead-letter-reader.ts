import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { Kafka, KafkaMessage } from 'kafkajs';
import { randomBytes } from 'node:crypto';

export interface ReadMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads topics from their start up to the end offsets they have now, with a short-lived consumer that
 * never commits (so it moves no group's position). Used for dead-letter topics and the replay records.
 */
export async function readToEnd(kafka: Kafka, topics: string[], timeoutMs = 30_000): Promise<ReadMessage[]> {
  const ends = await endOffsets(kafka, topics);
  if (ends.size === 0) return [];
  const consumer = kafka.consumer({
    groupId: `dlq-reader-${randomBytes(6).toString('hex')}`,
    heartbeatInterval: 1_000,
  });
  const read: ReadMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new DomainError(ErrorCodes.Unavailable, `reading ${topics.join(', ')} timed out`, [], true)),
        timeoutMs,
      );
      void consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            const where = `${batch.topic}/${batch.partition}`;
            const end = ends.get(where);
            for (const message of batch.messages) {
              if (end !== undefined && BigInt(message.offset) < end)
                read.push({ topic: batch.topic, partition: batch.partition, message });
            }
            if (end !== undefined && BigInt(batch.lastOffset()) >= end - 1n) ends.delete(where);
            if (ends.size === 0) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return read;
}

/** `topic/partition` → end offset, for the partitions that hold anything. */
async function endOffsets(kafka: Kafka, topics: string[]): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
      }
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}
