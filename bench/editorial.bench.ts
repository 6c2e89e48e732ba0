import { Topics } from '@broadsheet/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { PlatformClient } from '../tools/platform/client';
import { PlatformTarget } from '../tools/platform/platform';
import { waitFor } from '../tools/platform/wait';
import { summarize } from './stats';
import { BenchSuite } from './suite';

const STORIES = Number(process.env.BENCH_STORIES ?? 100);

/** Content-log events as they are committed: when each arrived here, and its envelope time, by article id. */
class ContentWatch {
  readonly arrived = new Map<string, { at: number; time: string }>();
  private readonly consumer;

  constructor(target: PlatformTarget) {
    const kafka = new Kafka({
      clientId: 'bench-editorial',
      brokers: target.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({ groupId: `bench-editorial-${randomBytes(4).toString('hex')}` });
  }

  async start(topic: string): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: false });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        const key = message.key?.toString();
        const { time } = JSON.parse(message.value?.toString() ?? '{}') as { time: string };
        if (key && !this.arrived.has(key)) this.arrived.set(key, { at: performance.now(), time });
        return Promise.resolve();
      },
    });
    // Let the group settle, so the first timed event is not a group join.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }

  until(id: string): Promise<{ at: number; time: string }> {
    return waitFor(() => this.arrived.get(id), `${id} on the content log`, 60_000, 2);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

async function write(client: PlatformClient, i: number): Promise<string> {
  const res = await client.editorial('/v1/articles', {
    method: 'POST',
    body: JSON.stringify({ headline: `Desk story ${i}`, body: `<p>${'Words. '.repeat(200)}</p>`, category: 'News' }),
  });
  if (res.status !== 201) throw new Error(`create refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Publish request → the event committed on the content log, one story at a time. */
async function publishToCommitted(client: PlatformClient, watch: ContentWatch): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < STORIES; i++) {
    const id = await write(client, i);
    const started = performance.now();
    await client.publish(id);
    samples.push((await watch.until(id)).at - started);
  }
  return samples;
}

/** Scheduled publication lateness: the event's time minus `publishAt`, for stories due across a few seconds. */
async function scheduledLateness(client: PlatformClient, watch: ContentWatch): Promise<number[]> {
  const ids = await Promise.all(Array.from({ length: STORIES }, (_, i) => write(client, 1_000 + i)));
  const base = Date.now() + 8_000;
  const due = ids.map((id, i) => ({ id, at: new Date(base + (i % 10) * 250) }));
  for (const { id, at } of due) {
    const res = await client.editorial(`/v1/articles/${id}/publish`, {
      method: 'POST',
      body: JSON.stringify({ publishAt: at.toISOString() }),
    });
    if (res.status !== 200) throw new Error(`schedule refused: ${res.status} ${await res.text()}`);
  }
  const samples: number[] = [];
  for (const { id, at } of due) samples.push(new Date((await watch.until(id)).time).getTime() - at.getTime());
  return samples;
}

/** The desk's two timings: publishing to the content log, and how late scheduled stories go out. */
export const editorialBench: BenchSuite = {
  name: 'editorial',
  async run({ client, target, log }) {
    const watch = new ContentWatch(target);
    await watch.start(`${target.prefix}${Topics.ArticlesContent}`);
    try {
      log(`editorial: ${STORIES} publishes, one at a time, to the committed content-log event`);
      const publish = await publishToCommitted(client, watch);
      log(`editorial: ${STORIES} stories scheduled across 2.5 s`);
      const lateness = await scheduledLateness(client, watch);
      return {
        rows: [
          summarize('publish request → event on articles.content.v1', publish, 'one at a time'),
          summarize('scheduled publication lateness (fire − publishAt)', lateness, `${STORIES} stories, 10 per 250 ms`),
        ],
      };
    } finally {
      await watch.stop();
    }
  },
};
