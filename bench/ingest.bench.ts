import { EventCatalog, EventTypes, makeEnvelope, Submission, Topics } from '@broadsheet/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { quality, score } from '../apps/ingest/src/near-duplicates/evaluate';
import { labelledPairs } from '../apps/ingest/src/near-duplicates/labelled-pairs';
import { waitFor } from '../tools/platform/wait';
import { Figure } from './stats';
import { BenchContext, BenchSuite } from './suite';

const HTTP_STORIES = Number(process.env.BENCH_INGEST_HTTP_STORIES ?? 10_000);
const KAFKA_STORIES = Number(process.env.BENCH_INGEST_KAFKA_STORIES ?? 2_000);
const BATCH = 500;
const PARALLEL_BATCHES = 4;
const places = ['Kabul', 'Herat', 'Kandahar', 'Mazar-i-Sharif', 'Jalalabad', 'Kunduz', 'Bamyan', 'Ghazni'];

/** A distinct archive story of about 1.4 KB: its words vary, so near-duplicate lookup does real work. */
function archiveStory(run: string, i: number): Submission {
  const place = places[i % places.length]!;
  const words = Array.from({ length: 40 }, (_, k) => `${place.toLowerCase()}${(i * 31 + k * 7) % 997}`).join(' ');
  return {
    externalId: `archive-${run}-${i}`,
    headline: `${place} council story ${i} from the archive import ${run}`,
    body: `<p>${words}.</p><p>${'The council met to discuss the budget and the roads. '.repeat(15)}</p>`,
    category: ['Politics', 'Business', 'Sport', 'Health'][i % 4]!,
    tags: ['archive', place],
    publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
  };
}

/** Stories per second through `POST /v1/submissions/batch`, 500 a request, four requests at a time. */
async function httpBatch({ services, secrets, target, log }: BenchContext): Promise<Figure[]> {
  const run = randomBytes(3).toString('hex');
  const kafka = new Kafka({ brokers: target.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const ingested = await ingestedKeys(kafka, target, `wire:archive-${run}-`);
  const batches = Array.from({ length: Math.ceil(HTTP_STORIES / BATCH) }, (_, b) =>
    Array.from({ length: Math.min(BATCH, HTTP_STORIES - b * BATCH) }, (_, i) => archiveStory(run, b * BATCH + i)),
  );
  log(`ingest: ${HTTP_STORIES} stories through HTTP batch (${BATCH} a request, ${PARALLEL_BATCHES} at a time)`);
  let accepted = 0;
  const started = performance.now();
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: PARALLEL_BATCHES }, async () => {
      for (let items = queue.shift(); items; items = queue.shift()) {
        const res = await fetch(`${services.ingest!.url}/v1/submissions/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey },
          body: JSON.stringify({ items }),
        });
        if (res.status !== 207) throw new Error(`batch refused: ${res.status} ${(await res.text()).slice(0, 300)}`);
        const body = (await res.json()) as { counts: { accepted: number } };
        accepted += body.counts.accepted;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Until every event is on the topic: the outbox is drained before the Kafka phase is timed.
  await ingested.all(accepted);
  const published = (performance.now() - started) / 1000;
  await ingested.close();
  return [
    {
      measure: 'ingest: stories/s through POST /v1/submissions/batch',
      value: Math.round(accepted / seconds),
      unit: 'stories/s',
      note: `${accepted}/${HTTP_STORIES} accepted in ${seconds.toFixed(1)} s; target ≥ 2,000`,
    },
    {
      measure: 'ingest: HTTP batch stories/s until on articles.ingested.v1',
      value: Math.round(accepted / published),
      unit: 'stories/s',
      note: `the same ${accepted}, all on the topic after ${published.toFixed(1)} s (outbox relay)`,
    },
  ];
}

/** A submission as an internal service puts it on ingest.submissions.v1, from the bootstrap source. */
function received(submission: Submission): string {
  const type = EventTypes.SubmissionReceived;
  return JSON.stringify(
    makeEnvelope({
      type,
      source: '/bench',
      subject: `wire:${submission.externalId}`,
      dataschema: EventCatalog[type].dataschema,
      correlationId: randomBytes(16).toString('hex'),
      data: { source: 'wire', submission },
    }),
  );
}

/** Counts the article keys with a given prefix that reach articles.ingested.v1, read from its start. */
async function ingestedKeys(kafka: Kafka, target: BenchContext['target'], prefix: string) {
  const seen = new Set<string>();
  const consumer = kafka.consumer({ groupId: `bench-ingest-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  // From the beginning, counting only this run's keys: a group that joins late still sees every event.
  await consumer.subscribe({ topic: `${target.prefix}${Topics.ArticlesIngested}`, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const key = message.key?.toString();
      if (key?.startsWith(prefix)) seen.add(key);
      return Promise.resolve();
    },
  });
  return {
    all: (count: number) =>
      waitFor(() => Promise.resolve(seen.size >= count ? true : undefined), 'the ingested events', 600_000, 50),
    close: () => consumer.disconnect(),
  };
}

/** Stories per second from ingest.submissions.v1 until their articles.ingested.v1 events are on the topic. */
async function kafkaPath({ target, log }: BenchContext): Promise<Figure> {
  const run = randomBytes(3).toString('hex');
  const stories = Array.from({ length: KAFKA_STORIES }, (_, i) => archiveStory(`k${run}`, i));
  const kafka = new Kafka({ brokers: target.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const ingested = await ingestedKeys(kafka, target, `wire:archive-k${run}-`);
  const producer = kafka.producer();
  await producer.connect();
  try {
    log(`ingest: ${KAFKA_STORIES} stories through Kafka to articles.ingested.v1`);
    const started = performance.now();
    for (let i = 0; i < stories.length; i += BATCH) {
      await producer.send({
        topic: `${target.prefix}${Topics.IngestSubmissions}`,
        messages: stories.slice(i, i + BATCH).map((s) => ({ key: s.externalId, value: received(s) })),
      });
    }
    await ingested.all(KAFKA_STORIES);
    const seconds = (performance.now() - started) / 1000;
    return {
      measure: 'ingest: stories/s via Kafka → articles.ingested.v1',
      value: Math.round(KAFKA_STORIES / seconds),
      unit: 'stories/s',
      note: `${KAFKA_STORIES} in ${seconds.toFixed(1)} s (fetched batches, outbox relay to the topic)`,
    };
  } finally {
    await producer.disconnect();
    await ingested.close();
  }
}

/** Precision and recall of the near-duplicate detector on the labelled pair set. */
function nearDuplicates(): Figure[] {
  const q = quality(score(labelledPairs()));
  const note = `${q.pairs} labelled pairs: ${q.truePositives} found, ${q.falsePositives} false, ${q.falseNegatives} missed`;
  return [
    { measure: 'ingest: near-duplicate precision', value: Math.round(q.precision * 1000) / 1000, unit: 'ratio', note },
    { measure: 'ingest: near-duplicate recall', value: Math.round(q.recall * 1000) / 1000, unit: 'ratio', note },
  ];
}

/** Ingest throughput through its two bulk intakes, and how well near-duplicates are caught. */
export const ingestBench: BenchSuite = {
  name: 'ingest',
  // Ingest alone: editorial would take in the same stories on the same two cores.
  services: ['ingest'],
  async run(ctx) {
    const figures = [...nearDuplicates(), ...(await httpBatch(ctx))];
    // Each figure is logged as soon as it is measured, so a slow later phase never hides an earlier one.
    for (const f of figures) ctx.log(`${f.measure}: ${f.value} ${f.unit} (${f.note})`);
    const kafka = await kafkaPath(ctx);
    ctx.log(`${kafka.measure}: ${kafka.value} ${kafka.unit} (${kafka.note})`);
    return { figures: [...figures, kafka] };
  },
};
