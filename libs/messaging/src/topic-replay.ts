import { DomainEvent } from '@broadsheet/contracts';
import { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { isTombstone, parseMessage } from './consumer-parse';
import { prefixed } from './kafka';

/** partition → offset. */
export type PartitionOffsets = Map<number, bigint>;

export interface TopicReplay {
  /** Logical topic name (the prefix is added). */
  topic: string;
  topicPrefix: string;
  /** Where to start per partition (inclusive); a partition not named starts at its beginning. */
  from?: PartitionOffsets;
  /** Where to stop per partition (exclusive): the end offsets taken when the replay was planned. */
  to: PartitionOffsets;
  timeoutMs?: number;
}

/** Each partition's end offset now: the `to` of a replay of everything written so far. */
export async function endOffsetsNow(kafka: Kafka, topicPrefix: string, topic: string): Promise<PartitionOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(prefixed(topicPrefix, topic));
    return new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Streams a topic's valid events between `from` and `to`, batch by batch in partition order, to
 * `apply`, with a consumer of its own that never commits (no group's position moves). Tombstones and
 * invalid messages (the live consumer dead-lettered those) are skipped. Resolves with the count read.
 */
export async function replayTopic(
  kafka: Kafka,
  replay: TopicReplay,
  apply: (events: DomainEvent[], read: number) => Promise<void>,
): Promise<number> {
  const start = (p: number) => replay.from?.get(p) ?? 0n;
  const open = new Map([...replay.to].filter(([p, end]) => end > start(p)));
  if (open.size === 0) return 0;
  const consumer = kafka.consumer({ groupId: `replay-${randomBytes(6).toString('hex')}`, heartbeatInterval: 1_000 });
  let read = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: prefixed(replay.topicPrefix, replay.topic), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`replay of ${replay.topic} timed out`)), replay.timeoutMs ?? 600_000);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            const end = open.get(batch.partition);
            if (end === undefined) return;
            const wanted = batch.messages.filter(
              (m) => BigInt(m.offset) >= start(batch.partition) && BigInt(m.offset) < end,
            );
            read += wanted.length;
            await apply(validEvents(replay.topic, wanted), read);
            await heartbeat();
            if (BigInt(batch.lastOffset()) >= end - 1n) open.delete(batch.partition);
            if (open.size === 0) resolve();
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

function validEvents(topic: string, messages: Parameters<typeof parseMessage>[1][]): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const message of messages) {
    if (isTombstone(topic, message)) continue;
    try {
      events.push(parseMessage(topic, message).event);
    } catch {
      // Dead-lettered when it was consumed live; a replay applies what the live consumer applied.
    }
  }
  return events;
}
