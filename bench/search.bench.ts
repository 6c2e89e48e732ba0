import { signToken } from '@broadsheet/auth';
import { ArticleContent, EventCatalog, EventTypes, makeEnvelope, Topics } from '@broadsheet/contracts';
import { articleIndexName, articleIndexSettings, createMeili, toSearchDocument } from '@broadsheet/search';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../tools/platform/wait';
import { Figure, summarize } from './stats';
import { BenchContext, BenchSuite } from './suite';

const FIRST = 10_000;
/** Stories sent each way first and not timed: the log side would otherwise pay its cold start alone. */
const WARM = 1_000;
const LATENCY_BASE = 20_000;
const LATENCY_N = Number(process.env.BENCH_SEARCH_LATENCY_N ?? 200);
const LARGE = Number(process.env.BENCH_SEARCH_LARGE ?? 100_000);
const vocabulary = (
  'council budget province harvest market traders prices winter road river school hospital clinic ' +
  'election ministry governor district village wheat saffron cotton flour fuel power water police court ' +
  'teachers students doctors farmers drivers exports imports bank currency rain snow flood drought'
).split(' ');

/** A story of about 2 KB: a headline, a summary and five paragraphs of news vocabulary. */
function content(i: number, word = `w${i}`): ArticleContent {
  const pick = (k: number) => vocabulary[(i * 7 + k * 13) % vocabulary.length]!;
  const sentence = (k: number) =>
    `The ${pick(k)} ${pick(k + 1)} met ${pick(k + 2)} officials about the ${pick(k + 3)}.`;
  const paragraph = (p: number) => `<p>${Array.from({ length: 6 }, (_, k) => sentence(p * 6 + k)).join(' ')}</p>`;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    version: 1,
    article: {
      ...{ id: `b${i}`, slug: `bench-${i}`, status: 'published', language: 'en', images: [] },
      ...{ headline: `${pick(0)} ${pick(1)} report ${word} for district ${i % 400}`, summary: sentence(99) },
      ...{ body: Array.from({ length: 5 }, (_, p) => paragraph(p)).join(''), bylines: ['Bench Desk'] },
      ...{ category: 'news', categoryLabel: 'News', tags: [pick(5)], publishedAt: at, updatedAt: at },
    },
  };
}

interface Message {
  key: string;
  value: string;
}

/** Content events as editorial's outbox writes them to the log. */
function messagesOf(contents: ArticleContent[]): Message[] {
  return contents.map((data) => ({
    key: data.article.id,
    value: JSON.stringify(
      makeEnvelope({
        type: EventTypes.ArticlePublished,
        source: '/bench',
        subject: data.article.id,
        dataschema: EventCatalog[EventTypes.ArticlePublished].dataschema,
        correlationId: data.article.id,
        data,
      }),
    ),
  }));
}

async function send(producer: Producer, topic: string, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, messages: messages.slice(i, i + 500) });
}

/** search-index's admin routes on the bench stack. */
function admin(ctx: BenchContext) {
  const token = signToken(ctx.secrets.jwtSecret, { sub: 'bench', roles: ['admin'] });
  const base = ctx.services['search-index']!.url;
  return async <T>(path: string, method = 'GET'): Promise<T> =>
    (await (await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } })).json()) as T;
}

/**
 * How Meilisearch spent a run on one index: its document tasks, the batches it made of them, and the
 * share of the wall time it was busy (idle time is the pipeline's fault, not Meilisearch's).
 */
async function meiliTimeline(ctx: BenchContext, uid: string, since: Date): Promise<string> {
  const meili = createMeili(ctx.stack.meiliUrl, ctx.stack.meiliMasterKey);
  const { results } = await meili.tasks.getTasks({
    indexUids: [uid],
    types: ['documentAdditionOrUpdate'],
    afterEnqueuedAt: since.toISOString(),
    limit: 1000,
  });
  const done = results.filter((t) => t.startedAt && t.finishedAt);
  if (done.length === 0) return `${uid}: no tasks`;
  const batches = new Map<number, [number, number]>();
  for (const t of done) batches.set(t.batchUid ?? t.uid, [Date.parse(t.startedAt!), Date.parse(t.finishedAt!)]);
  const busy = [...batches.values()].reduce((sum, [a, b]) => sum + (b - a), 0);
  const first = Math.min(...done.map((t) => Date.parse(t.enqueuedAt)));
  const last = Math.max(...done.map((t) => Date.parse(t.finishedAt!)));
  return `${done.length} tasks in ${batches.size} batches, busy ${(busy / 1000).toFixed(2)} s of ${((last - first) / 1000).toFixed(2)} s from the first enqueue`;
}

/** Stories/s through Kafka and search-index until all are searchable, from the first send. */
async function throughFromLog(ctx: BenchContext, producer: Producer, from: number, to: number): Promise<number> {
  const call = admin(ctx);
  // Built before the clock starts, as the reference's documents are: the client's work is not the pipeline's.
  const messages = messagesOf(range(from, to).map((i) => content(i)));
  const started = performance.now();
  const since = new Date();
  await send(producer, `${ctx.target.prefix}${Topics.ArticlesContent}`, messages);
  const sent = performance.now();
  await waitFor(
    async () => ((await call<{ searchable: number }>('/v1/admin/index')).searchable >= to ? true : undefined),
    `${to} searchable`,
    1_800_000,
    200,
  );
  const took = performance.now() - started;
  const timeline = await meiliTimeline(ctx, articleIndexName(ctx.target.prefix), since);
  ctx.log(
    `search: log ${from}–${to}: sent in ${((sent - started) / 1000).toFixed(2)} s, all searchable at ${(took / 1000).toFixed(2)} s; Meilisearch: ${timeline}`,
  );
  return ((to - from) / took) * 1000;
}

/**
 * The same documents added straight to Meilisearch (same settings, 1,000 per request, timed until every
 * task succeeded): the reference. The index first gets the untimed warm-up stories, as the live one did.
 */
async function straightToMeili(ctx: BenchContext, from: number, to: number): Promise<number> {
  const meili = createMeili(ctx.stack.meiliUrl, ctx.stack.meiliMasterKey, 600_000);
  const uid = `bench_search_reference_${randomBytes(3).toString('hex')}`;
  await meili.createIndex(uid, { primaryKey: 'id' }).waitTask();
  await meili.index(uid).updateSettings(articleIndexSettings).waitTask({ timeout: 120_000 });
  const warm = range(0, from).map((i) => toSearchDocument(content(i)));
  if (warm.length > 0) await meili.index(uid).addDocuments(warm).waitTask({ timeout: 600_000 });
  const docs = range(from, to).map((i) => toSearchDocument(content(i)));
  const since = new Date();
  const started = performance.now();
  const tasks = [];
  for (let i = 0; i < docs.length; i += 1000) tasks.push(meili.index(uid).addDocuments(docs.slice(i, i + 1000)));
  for (const task of tasks) await task.waitTask({ timeout: 1_800_000, interval: 50 });
  const took = performance.now() - started;
  ctx.log(`search: straight to Meilisearch: ${(took / 1000).toFixed(2)} s; ${await meiliTimeline(ctx, uid, since)}`);
  const rate = (docs.length / took) * 1000;
  await meili.deleteIndex(uid).waitTask();
  return rate;
}

/** Seconds from `POST /v1/admin/reindex` to the new index swapped in. */
async function reindexSeconds(ctx: BenchContext): Promise<number> {
  const call = admin(ctx);
  const started = performance.now();
  const { id } = await call<{ id: string }>('/v1/admin/reindex', 'POST');
  await waitFor(
    async () => {
      const p = await call<{ state: string; error: string | null }>(`/v1/admin/reindex/${id}`);
      if (p.state === 'failed') throw new Error(`reindex failed: ${p.error}`);
      return p.state === 'done' ? true : undefined;
    },
    'reindex',
    3_600_000,
    200,
  );
  return (performance.now() - started) / 1000;
}

/**
 * One content event at a time, until a search of the live index finds it, asked as delivery asks (its
 * search-only key); the index already holds LATENCY_BASE stories. Delivery itself is not running here.
 */
async function eventToSearchable(ctx: BenchContext, producer: Producer, from: number): Promise<number[]> {
  const index = createMeili(ctx.stack.meiliUrl, ctx.secrets.meiliSearchKey).index(articleIndexName(ctx.target.prefix));
  const samples: number[] = [];
  for (let i = from; i < from + LATENCY_N; i++) {
    const word = `lat${randomBytes(5).toString('hex')}`;
    const started = performance.now();
    await send(producer, `${ctx.target.prefix}${Topics.ArticlesContent}`, messagesOf([content(i, word)]));
    await waitFor(
      async () =>
        (await index.search(word, { limit: 1, attributesToRetrieve: ['id'] })).hits.some((h) => h.id === `b${i}`)
          ? true
          : undefined,
      word,
      60_000,
      5,
    );
    samples.push(performance.now() - started);
  }
  return samples;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

/** Indexing throughput from the log against Meilisearch alone, reindex times, and event → searchable at 20,000 stories. */
export const searchBench: BenchSuite = {
  name: 'search',
  // search-index alone: delivery would apply the same 10,000 events to its store on the same two cores.
  services: ['search-index'],
  async run(ctx) {
    const kafka = new Kafka({
      clientId: 'bench-search',
      brokers: ctx.stack.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      ctx.log(
        `search: ${WARM} stories to warm up, then ${FIRST - WARM} through the log, then the same straight to Meilisearch`,
      );
      await throughFromLog(ctx, producer, 0, WARM);
      const fromLog = await throughFromLog(ctx, producer, WARM, FIRST);
      const alone = await straightToMeili(ctx, WARM, FIRST);
      ctx.log(`search: reindex of ${FIRST}`);
      const reindexFirst = await reindexSeconds(ctx);
      ctx.log(`search: up to ${LATENCY_BASE} stories, then ${LATENCY_N} single events until searchable`);
      await throughFromLog(ctx, producer, FIRST, LATENCY_BASE);
      const latency = await eventToSearchable(ctx, producer, LATENCY_BASE);
      const figures: Figure[] = [
        {
          measure: `indexing from the content log (${FIRST - WARM} stories)`,
          value: fromLog,
          unit: 'stories/s',
          note: 'Meilisearch alone (next row)',
        },
        {
          measure: 'the same documents straight to Meilisearch',
          value: alone,
          unit: 'stories/s',
          note: `1,000 per request, same settings, after the same ${WARM}`,
        },
        { measure: 'log ÷ Meilisearch alone', value: fromLog / alone, unit: 'ratio', note: 'target ≥ 0.8' },
        { measure: `reindex of ${FIRST} stories`, value: reindexFirst, unit: 's', note: 'POST to swapped in' },
      ];
      if (LARGE > LATENCY_BASE + LATENCY_N) {
        ctx.log(`search: up to ${LARGE} stories, then a reindex`);
        await throughFromLog(ctx, producer, LATENCY_BASE + LATENCY_N, LARGE);
        figures.push({
          measure: `reindex of ${LARGE} stories`,
          value: await reindexSeconds(ctx),
          unit: 's',
          note: 'POST to swapped in',
        });
      }
      return {
        rows: [
          summarize(
            `content event → found by a search of the index (${LATENCY_BASE} indexed)`,
            latency,
            'one event at a time, straight to Kafka',
          ),
        ],
        figures,
      };
    } finally {
      await producer.disconnect();
    }
  },
};
