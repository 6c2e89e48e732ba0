import { deadLetterTopic, DomainError, ErrorCodes, Topics } from '@broadsheet/contracts';
import { Kafka, KafkaMessage } from 'kafkajs';
import { KafkaEventServer } from './consumer';
import { parseMessage } from './consumer-parse';
import { retrying, RetryPolicy } from './consumer-retry';
import { DeadLetter, describeDeadLetter, HANDLER_FAILED } from './dead-letter';
import { readToEnd } from './dead-letter-reader';
import { recordReplay, replayKey, ReplayRecord, replayRecords } from './dead-letter-replays';
import { ListDeadLetters, ReplayDeadLetters, ReplayResult } from './dead-letters.dto';
import { prefixed } from './kafka';
import { EventProducer } from './producer';

interface Loaded {
  letter: DeadLetter;
  message: KafkaMessage;
}

/**
 * The dead letters of this service's consumer group: listed from the dead-letter topics, and replayed
 * through the same validation, handler and failure classification as live messages (never re-produced
 * onto the original topic: on the compacted content log an old version would become the latest).
 * Each successful replay is recorded on `dlq.replays.v1`, so a second replay skips it.
 */
export class DeadLetters {
  /** Replays run one at a time in this process, so two overlapping requests cannot both apply a letter. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: EventProducer,
    private readonly server: KafkaEventServer,
  ) {}

  private get group(): string {
    return this.server.options.groupId;
  }

  async list(query: Partial<ListDeadLetters> = {}): Promise<{ items: DeadLetter[]; total: number }> {
    const loaded = await this.load(query.topic);
    return { items: loaded.slice(-(query.limit ?? 100)).map((l) => l.letter), total: loaded.length };
  }

  replay(request: ReplayDeadLetters, by?: string): Promise<{ results: ReplayResult[] }> {
    const run = this.queue.then(() => this.replayNow(request, by));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async replayNow(request: ReplayDeadLetters, by?: string): Promise<{ results: ReplayResult[] }> {
    const loaded = await this.load(request.topic);
    const results: ReplayResult[] = [];
    if (request.all) {
      for (const l of loaded) results.push(await this.replayOne(l, by));
      return { results };
    }
    for (const { partition, offset } of request.offsets ?? []) {
      const found = loaded.filter((l) => l.letter.dlqPartition === partition && l.letter.dlqOffset === offset);
      if (found.length === 0) {
        const dlqTopic = request.topic ? deadLetterTopic(this.consumedTopic(request.topic)) : '';
        results.push({ dlqTopic, dlqPartition: partition, dlqOffset: offset, outcome: 'not_found' });
      }
      for (const l of found) results.push(await this.replayOne(l, by));
    }
    return { results };
  }

  private async replayOne({ letter, message }: Loaded, by?: string): Promise<ReplayResult> {
    const where = { dlqTopic: letter.dlqTopic, dlqPartition: letter.dlqPartition, dlqOffset: letter.dlqOffset };
    if (letter.replayedAt) return { ...where, outcome: 'skipped', replayedAt: letter.replayedAt };
    const handler = this.server.handlerFor(letter.topic);
    if (!handler) throw new DomainError(ErrorCodes.Unavailable, 'the consumer is not running yet', [], true);
    const outcome = await retrying(async () => {
      await handler.run([parseMessage(letter.topic, { ...message, offset: letter.offset })], letter.partition);
    }, this.replayPolicy());
    if (!outcome.ok) {
      const { error } = outcome;
      return {
        ...where,
        outcome: 'failed',
        errorCode: error instanceof DomainError ? error.code : HANDLER_FAILED,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const record: ReplayRecord = {
      group: this.group,
      ...recordPlace(letter),
      replayedAt: new Date().toISOString(),
      by,
    };
    await recordReplay(this.producer, record);
    return { ...where, outcome: 'replayed', replayedAt: record.replayedAt };
  }

  /** A replay answers an HTTP request: every kind of failure gets bounded attempts, then is reported. */
  private replayPolicy(): RetryPolicy {
    const { maxAttempts, backoffMs } = this.server.options;
    return {
      maxAttempts,
      backoffMs,
      maxBackoffMs: 2_000,
      waitOutTransient: false,
      pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      assertRunning: () => undefined,
    };
  }

  /** This group's dead letters (of one consumed topic, or all), oldest first, with their replay state. */
  private async load(topic?: string): Promise<Loaded[]> {
    const topics = topic ? [this.consumedTopic(topic)] : this.server.topics;
    const prefix = this.server.options.topicPrefix;
    const replaysTopic = prefixed(prefix, Topics.DlqReplays);
    const read = await readToEnd(this.kafka, [
      ...topics.map((t) => prefixed(prefix, deadLetterTopic(t))),
      replaysTopic,
    ]);
    const replays = replayRecords(read.filter((r) => r.topic === replaysTopic));
    const loaded: Loaded[] = [];
    for (const { topic: physical, partition, message } of read) {
      if (physical === replaysTopic) continue;
      const { group, ...letter } = describeDeadLetter(physical.slice(prefix.length), partition, message);
      if (group !== this.group) continue;
      const record = replays.get(replayKey(group, letter.dlqTopic, letter.dlqPartition, letter.dlqOffset));
      loaded.push({ letter: { ...letter, replayedAt: record?.replayedAt ?? null }, message });
    }
    return loaded.sort((a, b) => compareLetters(a.letter, b.letter));
  }

  /** Accepts a consumed topic or its dead-letter topic's name; anything else is not this service's. */
  private consumedTopic(topic: string): string {
    const name = topic.endsWith('.dlq') ? topic.slice(0, -'.dlq'.length) : topic;
    if (!this.server.topics.includes(name)) {
      throw new DomainError(ErrorCodes.NotFound, `this service consumes no topic "${topic}"`, [
        { path: 'topic', message: `one of: ${this.server.topics.join(', ')}` },
      ]);
    }
    return name;
  }
}

function recordPlace(letter: DeadLetter): Pick<ReplayRecord, 'dlqTopic' | 'partition' | 'offset'> {
  return { dlqTopic: letter.dlqTopic, partition: letter.dlqPartition, offset: letter.dlqOffset };
}

function compareLetters(a: DeadLetter, b: DeadLetter): number {
  if (a.failedAt !== b.failedAt) return a.failedAt < b.failedAt ? -1 : 1;
  return a.dlqPartition - b.dlqPartition || Number(BigInt(a.dlqOffset) - BigInt(b.dlqOffset));
}
