import { serviceEnv, ServiceProcess, waitFor } from '@broadsheet/testing';
import { Figure, Row } from './stats';
import { BenchSuite } from './suite';
import { load, loadStories, memoryLine } from './delivery.bench';

const SECONDS = Number(process.env.BENCH_FLAGS_SECONDS ?? 5);
/**
 * V8 flag sets to compare, `;`-separated; an empty set is Node's defaults. A `NAME=value` word in a set is
 * the process's environment (e.g. `CACHE_TTL_MS=0` to see search without its cache), the rest NODE_OPTIONS.
 */
const VARIANTS = (
  process.env.BENCH_FLAGS_VARIANTS ?? ';--max-old-space-size=256;--max-old-space-size=256 --max-semi-space-size=8'
).split(';');

/**
 * Delivery's resident memory and throughput under the same load with each V8 flag set, one process after
 * another on the same data: what a flag costs in requests/s against what it saves in RSS.
 */
export const deliveryFlagsBench: BenchSuite = {
  name: 'delivery-flags',
  // It starts the delivery it measures; search-index indexes the stories. The others would take the cores.
  services: ['search-index'],
  async run(ctx) {
    const env = { ...serviceEnv('delivery', ctx.target, ctx.secrets), RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: 'error' };
    ctx.log('delivery-flags: 2,000 stories onto the content log');
    const slugs = await loadStories(ctx);
    const slug = slugs[Math.floor(slugs.length / 2)]!;
    const rows: Row[] = [];
    const figures: Figure[] = [];
    for (const variant of VARIANTS) {
      const words = variant.split(' ').filter(Boolean);
      const extra: Record<string, string> = Object.fromEntries(
        words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
      );
      const flags = words.filter((w) => !/^[A-Z_]+=/.test(w)).join(' ');
      const delivery = await ServiceProcess.start('delivery', {
        ...env,
        ...extra,
        // Always given, so that the defaults variant runs with none (not the flags delivery ships with).
        NODE_OPTIONS: flags,
      });
      try {
        await waitFor(
          async () => ((await fetch(`${delivery.url}/v1/articles/${slugs.at(-1)}`)).ok ? true : undefined),
          'the last story',
          300_000,
          500,
        );
        const name = variant || '(defaults)';
        let peak = 0;
        let requests = 0;
        for (const path of [
          `/v1/articles/${slug}`,
          '/v1/articles?limit=15',
          '/feeds/latest.rss',
          '/v1/search?q=road',
        ]) {
          const l = await load(
            `${name} GET ${path.replace(slug, ':slug')}`,
            flags,
            { url: `${delivery.url}${path}`, duration: SECONDS },
            delivery.pid,
          );
          rows.push(l.row);
          peak = Math.max(peak, l.rssMb);
          requests += l.rps;
          ctx.log(`${l.row.measure}: ${Math.round(l.rps)} req/s; ${await memoryLine(delivery.url)}`);
        }
        figures.push({ measure: `${name}: peak RSS`, value: peak, unit: 'MB', note: 'target ≤ 250' });
        figures.push({
          measure: `${name}: mean req/s of the 4 routes`,
          value: requests / 4,
          unit: 'req/s',
          note: 'same routes',
        });
      } finally {
        await delivery.stop();
      }
    }
    return { rows, figures };
  },
};
