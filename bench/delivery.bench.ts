import { EventCatalog, EventTypes, makeEnvelope, Topics } from '@broadsheet/contracts';
import { articleIndexName, createMeili, resultFields } from '@broadsheet/search';
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { aPublicArticle, serviceEnv, ServiceProcess, waitFor } from '@broadsheet/testing';
import { Figure, Row } from './stats';
import { BenchContext, BenchSuite } from './suite';

const STORIES = Number(process.env.BENCH_DELIVERY_STORIES ?? 2_000);
const SECONDS = Number(process.env.BENCH_DELIVERY_SECONDS ?? 10);
const CONNECTIONS = 50;
const CATEGORIES = ['politics', 'business', 'sport', 'health', 'world'];
const QUERY = 'reservoir';
/** V8 flags for the bench's delivery processes, to compare settings (default: what the service ships with). */
const NODE_OPTIONS = process.env.BENCH_DELIVERY_NODE_OPTIONS;

/** Stories straight onto the content log, as editorial would publish them: a realistic 3–4 KB body each. */
export async function loadStories(ctx: BenchContext): Promise<string[]> {
  const producer = new Kafka({ brokers: ctx.target.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const slugs: string[] = [];
  try {
    for (let start = 0; start < STORIES; start += 250) {
      const messages = Array.from({ length: Math.min(250, STORIES - start) }, (_, k) => {
        const i = start + k;
        const category = CATEGORIES[i % CATEGORIES.length]!;
        const article = aPublicArticle({
          headline: `District ${i} council debates the ${i % 7 === 0 ? QUERY : 'road'} budget`,
          category,
          categoryLabel: category[0]!.toUpperCase() + category.slice(1),
          body: `<p>${'The council met on Monday to debate the winter budget and the water supply. '.repeat(45)}</p>`,
          tags: ['budget', `district-${i % 20}`],
          publishedAt: new Date(Date.now() - (STORIES - i) * 60_000).toISOString(),
        });
        slugs.push(article.slug);
        const event = makeEnvelope({
          type: EventTypes.ArticlePublished,
          source: '/editorial',
          subject: article.id,
          dataschema: EventCatalog[EventTypes.ArticlePublished].dataschema,
          correlationId: randomUUID(),
          data: { version: 1, article },
        });
        return { key: article.id, value: JSON.stringify(event) };
      });
      await producer.send({ topic: `${ctx.target.prefix}${Topics.ArticlesContent}`, messages });
    }
  } finally {
    await producer.disconnect();
  }
  return slugs;
}

export interface Load {
  row: Row;
  rps: number;
  rssMb: number;
}

/** The process's memory as its own /metrics reports it (prom-client's Node metrics), in MB, for the log. */
export async function memoryLine(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const mb = (pattern: RegExp): string => {
    const value = Number(pattern.exec(text)?.[1] ?? Number.NaN) / 2 ** 20;
    return value.toFixed(1);
  };
  return [
    `rss ${mb(/^process_resident_memory_bytes (\S+)/m)}`,
    `heap ${mb(/^nodejs_heap_size_used_bytes (\S+)/m)}/${mb(/^nodejs_heap_size_total_bytes (\S+)/m)}`,
    `new ${mb(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m)}`,
    `old ${mb(/^nodejs_heap_space_size_total_bytes\{space="old"\} (\S+)/m)}`,
    `code ${mb(/^nodejs_heap_space_size_total_bytes\{space="code"\} (\S+)/m)}`,
    `external ${mb(/^nodejs_external_memory_bytes (\S+)/m)}`,
  ].join(', ');
}

/** Resident memory of a process, from /proc (Linux), in MB. */
function rssMb(pid: number | undefined): number {
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** autocannon at 50 connections; the process's peak RSS is sampled while it runs. */
export async function load(measure: string, note: string, opts: autocannon.Options, pid?: number): Promise<Load> {
  // Two seconds unmeasured first: the JIT and the caches warm up, as they would on a live site.
  await autocannon({ connections: CONNECTIONS, ...opts, duration: 2 });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  clearInterval(sampler);
  const bad = result.non2xx + result.errors;
  if (bad > result.requests.total / 100)
    throw new Error(`${measure}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  return {
    row: {
      measure,
      n: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      note,
    },
    rps: result.requests.average,
    rssMb: peak,
  };
}

/**
 * The same search through a second delivery with its hot cache off (CACHE_TTL_MS=0), so every request
 * costs a Meilisearch query: what the search cache hides, measured honestly beside it.
 */
async function searchWithoutCache(ctx: BenchContext, env: Record<string, string>, query: string): Promise<Load> {
  const cold = await ServiceProcess.start('delivery', { ...env, CACHE_TTL_MS: '0' });
  try {
    const l = await load(
      'delivery GET /v1/search (cache off)',
      `q=${query}; each request asks Meilisearch; alone next row`,
      { url: `${cold.url}/v1/search?q=${query}` },
      cold.pid,
    );
    ctx.log(`${l.row.measure}: ${Math.round(l.rps)} req/s; ${await memoryLine(cold.url)}`);
    return l;
  } finally {
    await cold.stop();
  }
}

/** Delivery under autocannon over ≥ 2,000 stories: the hot reads, the pages, search beside Meilisearch alone. */
export const deliveryBench: BenchSuite = {
  name: 'delivery',
  // It starts the delivery it measures; search-index indexes the stories. The others would take the cores.
  services: ['search-index'],
  async run(ctx) {
    // A delivery of its own on the bench's data, with rate limiting off: one client sends all the load.
    const env = {
      ...serviceEnv('delivery', ctx.target, ctx.secrets),
      RATE_LIMIT_PER_SECOND: '0',
      LOG_LEVEL: 'error',
      ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}),
    };
    const delivery = await ServiceProcess.start('delivery', env);
    try {
      ctx.log(`delivery: ${STORIES} stories onto the content log`);
      const slugs = await loadStories(ctx);
      await waitFor(
        async () => ((await fetch(`${delivery.url}/v1/articles/${slugs.at(-1)}`)).status === 200 ? true : undefined),
        'the last story at delivery',
        300_000,
        500,
      );
      await waitFor(
        async () => {
          const r = (await (await fetch(`${delivery.url}/v1/search?q=${QUERY}`)).json()) as { totalHits?: number };
          return (r.totalHits ?? 0) >= Math.floor(STORIES / 7) ? true : undefined;
        },
        'the stories in search',
        300_000,
        1_000,
      );
      // Nothing left indexing: Meilisearch writing in the background would slow whichever route ran first.
      const meili = createMeili(ctx.stack.meiliUrl, ctx.stack.meiliMasterKey).index(
        articleIndexName(ctx.target.prefix),
      );
      await waitFor(
        async () => ((await meili.getStats()).isIndexing ? undefined : true),
        'indexing done',
        120_000,
        500,
      );
      const slug = slugs[Math.floor(slugs.length / 2)]!;
      const pid = delivery.pid;
      const url = delivery.url;
      ctx.log(
        `delivery: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route; idle: ${await memoryLine(url)}`,
      );
      const route = async (measure: string, note: string, path: string): Promise<Load> => {
        const l = await load(`delivery ${measure}`, note, { url: `${url}${path}` }, pid);
        ctx.log(`${l.row.measure}: ${Math.round(l.rps)} req/s; ${await memoryLine(url)}`);
        return l;
      };
      const runs = {
        slug: await route('GET /v1/articles/:slug', `${STORIES} stories; target ≥ 3,000 req/s`, `/v1/articles/${slug}`),
        latest: await route('GET /v1/articles?limit=15', 'target ≥ 2,000 req/s', '/v1/articles?limit=15'),
        front: await route('GET / (rendered front page)', 'target ≥ 1,000 req/s', '/'),
        page: await route('GET /articles/:slug (rendered)', 'the same story as /v1', `/articles/${slug}`),
        rss: await route('GET /feeds/latest.rss', 'full content, 30 items', '/feeds/latest.rss'),
        search: await route(
          'GET /v1/search (search cache warm)',
          `q=${QUERY}; the same query from the hot cache (≤ 1 s old)`,
          `/v1/search?q=${QUERY}`,
        ),
        searchCold: await searchWithoutCache(ctx, env, `${QUERY}`),
        meili: await load('Meilisearch POST /indexes/…/search (same query)', 'the reference', {
          url: `${ctx.stack.meiliUrl}/indexes/${articleIndexName(ctx.target.prefix)}/search`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.secrets.meiliSearchKey}` },
          body: JSON.stringify({
            q: QUERY,
            filter: ['visible = true'],
            page: 1,
            hitsPerPage: 10,
            attributesToRetrieve: [...resultFields],
            attributesToHighlight: ['headline', 'summary'],
            facets: ['category', 'tags'],
          }),
        }),
      };
      const rps = (name: string, l: Load, target?: number): Figure => ({
        measure: `${name} requests/s`,
        value: l.rps,
        unit: 'req/s',
        note: target ? `target ≥ ${target}` : 'measured',
      });
      const figures: Figure[] = [
        rps('article by slug', runs.slug, 3_000),
        rps('latest list of 15', runs.latest, 2_000),
        rps('front page', runs.front, 1_000),
        rps('article page', runs.page),
        rps('RSS feed', runs.rss),
        rps('search via delivery', runs.search),
        rps('search straight to Meilisearch', runs.meili),
        rps('search via delivery, cache off', runs.searchCold),
        {
          measure: 'search p50: delivery (cache warm) ÷ Meilisearch',
          value: runs.search.row.p50 / Math.max(runs.meili.row.p50, 0.01),
          unit: '×',
          note: 'target ≤ 1.3',
        },
        {
          measure: 'search p50: delivery (cache off) ÷ Meilisearch',
          value: runs.searchCold.row.p50 / Math.max(runs.meili.row.p50, 0.01),
          unit: '×',
          note: 'target ≤ 1.3; every request asks Meilisearch',
        },
        {
          measure: 'search req/s: delivery (cache off) ÷ Meilisearch',
          value: runs.searchCold.rps / runs.meili.rps,
          unit: '×',
          note: 'same query, same run',
        },
        {
          measure: 'delivery peak RSS under load',
          value: Math.max(
            ...[runs.slug, runs.latest, runs.front, runs.page, runs.rss, runs.search, runs.searchCold].map(
              (r) => r.rssMb,
            ),
          ),
          unit: 'MB',
          note: 'target ≤ 250 (one process; RSS run alone below)',
        },
        {
          measure: 'delivery peak RSS during the RSS feed run',
          value: runs.rss.rssMb,
          unit: 'MB',
          note: 'target ≤ 250',
        },
      ];
      return { rows: Object.values(runs).map((r) => r.row), figures };
    } finally {
      await delivery.stop();
    }
  },
};
