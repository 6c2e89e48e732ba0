import { Topics } from '@broadsheet/contracts';
import { z } from 'zod';
import { ReadMessage } from './dead-letter-reader';
import { EventProducer } from './producer';

/** A replayed dead letter, as recorded (compacted, one per key) on `dlq.replays.v1`. */
export const replayRecordSchema = z.object({
  group: z.string(),
  dlqTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  replayedAt: z.iso.datetime(),
  /** Who asked for the replay (the admin token's subject). */
  by: z.string().optional(),
});
export type ReplayRecord = z.infer<typeof replayRecordSchema>;

/** The record's key: one dead letter of one consumer group. Never change its shape: it dedupes replays. */
export function replayKey(group: string, dlqTopic: string, partition: number, offset: string): string {
  return `${group}/${dlqTopic}/${partition}/${offset}`;
}

/** The latest record per key, from the replay topic read to its end; unreadable records are ignored. */
export function replayRecords(messages: ReadMessage[]): Map<string, ReplayRecord> {
  const records = new Map<string, ReplayRecord>();
  for (const { message } of messages) {
    const key = message.key?.toString();
    if (!key) continue;
    const parsed = replayRecordSchema.safeParse(safeJson(message.value?.toString()));
    if (parsed.success) records.set(key, parsed.data);
    else records.delete(key);
  }
  return records;
}

export async function recordReplay(producer: EventProducer, record: ReplayRecord): Promise<void> {
  await producer.sendRaw(Topics.DlqReplays, [
    {
      key: replayKey(record.group, record.dlqTopic, record.partition, record.offset),
      value: JSON.stringify(record),
      headers: {},
    },
  ]);
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
