import { PlatformSecrets, ServiceProcess, startPlatform, testContext, TestContext, waitFor } from '@broadsheet/testing';
import { relevanceQueries, RelevanceQuery, relevanceStories, toArticle } from '../fixtures/relevance';
import { ContentLogWriter } from './search-content-log';

interface Found {
  query: RelevanceQuery;
  /** 1-based rank of the expected story in the first page, or 0 when it is not there. */
  rank: number;
  top: string[];
}

/**
 * The relevance set through delivery's `/v1/search`: demo news and fixture stories in English, Russian,
 * Dari and Pashto, and reader queries (misspellings, phrases, synonyms, other scripts, filters, bylines,
 * tags) each with the story it must return first. Prints hits@1 and hits@3; every story must be in the top 3.
 */
describe('search: relevance set', () => {
  let ctx: TestContext;
  let svc: Record<string, ServiceProcess>;
  let secrets: PlatformSecrets;
  const found: Found[] = [];

  beforeAll(async () => {
    ctx = testContext('relevance');
    ({ secrets, svc } = await startPlatform(ctx, ['search-index', 'delivery']));
    const log = await ContentLogWriter.open(ctx);
    await log.send(relevanceStories.map((s) => ({ version: 1, article: toArticle(s) })));
    await log.close();
    await waitFor(
      async () => {
        const body = (await (await fetch(`${svc.delivery!.url}/v1/search?limit=1`)).json()) as { totalHits: number };
        return body.totalHits === relevanceStories.length ? true : undefined;
      },
      'every story searchable',
      60_000,
    );
    for (const query of relevanceQueries) found.push(await run(query));
    process.stdout.write(`\n${report(found)}\n`);
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
    expect(secrets).toBeDefined();
  });

  async function run(query: RelevanceQuery): Promise<Found> {
    const params = new URLSearchParams({ q: query.q, limit: '10', ...query.params });
    const res = await fetch(`${svc.delivery!.url}/v1/search?${params.toString()}`);
    if (res.status !== 200) throw new Error(`search ${params.toString()} answered ${res.status}: ${await res.text()}`);
    const top = ((await res.json()) as { hits: Array<{ id: string }> }).hits.map((h) => h.id);
    return { query, rank: top.indexOf(query.expect) + 1, top };
  }

  it('holds at least 40 queries of every kind the issue names', () => {
    expect(relevanceQueries.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(relevanceQueries.map((q) => q.kind));
    for (const kind of ['misspelling', 'phrase', 'synonym', 'script', 'filter', 'byline', 'tag'])
      expect(kinds).toContain(kind);
    const languages = new Set(relevanceStories.map((s) => s.language));
    expect([...languages].sort()).toEqual(['en', 'fa-AF', 'ps', 'ru']);
  });

  it('puts every query’s story in the top 3', () => {
    const missed = found.filter((f) => f.rank === 0 || f.rank > 3);
    expect(
      missed.map((f) => `${describeQuery(f.query)} → ${f.query.expect}, got [${f.top.slice(0, 3).join(', ')}]`),
    ).toEqual([]);
  });
});

function describeQuery(q: RelevanceQuery): string {
  const params = Object.entries(q.params ?? {}).map(([k, v]) => `${k}=${v}`);
  return [`"${q.q}"`, ...params].join(' ');
}

/** hits@1 and hits@3 overall and per kind, then each query that missed first place. */
function report(found: Found[]): string {
  const at = (list: Found[], k: number) => list.filter((f) => f.rank > 0 && f.rank <= k).length;
  const line = (label: string, list: Found[]) =>
    `${label.padEnd(12)} ${String(list.length).padStart(3)}  hits@1 ${(at(list, 1) / list.length).toFixed(3)}  hits@3 ${(at(list, 3) / list.length).toFixed(3)}`;
  const kinds = [...new Set(found.map((f) => f.query.kind))];
  const lines = [
    `relevance set: ${found.length} queries`,
    line('all', found),
    ...kinds.map((k) =>
      line(
        k,
        found.filter((f) => f.query.kind === k),
      ),
    ),
    ...found
      .filter((f) => f.rank !== 1)
      .map(
        (f) =>
          `  not first: ${describeQuery(f.query)} → ${f.query.expect} at ${f.rank || 'none'}; top: ${f.top.slice(0, 3).join(', ')}`,
      ),
  ];
  return lines.join('\n');
}
