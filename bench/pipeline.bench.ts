import { Submission } from '@broadsheet/contracts';
import { createMeili } from '@broadsheet/search';
import { randomBytes } from 'node:crypto';
import { LocalStack } from '../tools/stack';
import { PlatformClient } from '../tools/platform/client';
import { waitFor } from '../tools/platform/wait';
import { summarize } from './stats';
import { BenchSuite } from './suite';

const STORIES = Number(process.env.BENCH_STORIES ?? 100);
const POLL_MS = 5;
const token = (): string => `bench${randomBytes(5).toString('hex')}`;

/** Meilisearch alone: one document added, then searched for until it is found. The floor under the pipeline. */
async function meiliAddToSearchable(stack: LocalStack, n: number): Promise<number[]> {
  const meili = createMeili(stack.meiliUrl, stack.meiliMasterKey);
  const index = meili.index('bench_reference');
  await meili.createIndex('bench_reference', { primaryKey: 'id' }).waitTask();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const word = token();
    const started = performance.now();
    await index.addDocuments([{ id: String(i), headline: `Reference story ${word}`, body: 'x '.repeat(400) }]);
    await waitFor(
      async () =>
        (await index.search(word, { limit: 1, attributesToRetrieve: ['id'] })).hits.length ? true : undefined,
      word,
      30_000,
      POLL_MS,
    );
    samples.push(performance.now() - started);
  }
  return samples;
}

function benchStory(word: string, i: number): Submission {
  return {
    externalId: `bench-${i}-${word}`,
    headline: `Council ${word} debates the winter budget for district ${i}`,
    summary: 'A benchmark story.',
    body: `<p>${'The council met to debate the budget. '.repeat(80)}</p>`,
    category: ['Politics', 'Business', 'Sport', 'Health'][i % 4]!,
    tags: ['benchmark'],
  };
}

interface PipelineSamples {
  request: number[];
  readModel: number[];
  search: number[];
}

/** Polls until `found` holds, returning the milliseconds since `started`. */
async function elapsedUntil(started: number, what: string, found: () => Promise<boolean>): Promise<number> {
  await waitFor(async () => ((await found()) ? true : undefined), what, 30_000, POLL_MS);
  return performance.now() - started;
}

/** An editor's publish request until a reader finds the story: at its URL (read model) and through search. */
async function publishToSearchable(client: PlatformClient, n: number): Promise<PipelineSamples> {
  const words = Array.from({ length: n }, token);
  const accepted = [];
  for (const [i, w] of words.entries()) accepted.push(await client.submit(benchStory(w, i)));
  const drafts = await client.drafts(
    accepted.map((a) => a.articleKey),
    120_000,
  );
  const samples: PipelineSamples = { request: [], readModel: [], search: [] };
  for (const [i, a] of accepted.entries()) {
    const draft = drafts.get(a.articleKey)!;
    const started = performance.now();
    await client.publish(draft.id);
    samples.request.push(performance.now() - started);
    const [readModel, search] = await Promise.all([
      elapsedUntil(
        started,
        draft.slug,
        async () => (await client.delivery(`/v1/articles/${draft.slug}`)).status === 200,
      ),
      elapsedUntil(started, words[i]!, async () => (await client.searchIds(words[i]!, 1)).includes(draft.id)),
    ]);
    samples.readModel.push(readModel);
    samples.search.push(search);
  }
  return samples;
}

/** Publish → readable and searchable, one story at a time, against Meilisearch's own add → searchable. */
export const pipelineBench: BenchSuite = {
  name: 'pipeline',
  async run({ stack, client, log }) {
    log(`Meilisearch alone: ${STORIES} single-document adds`);
    const reference = await meiliAddToSearchable(stack, STORIES);
    log(`pipeline: ${STORIES} stories published one at a time`);
    const pipeline = await publishToSearchable(client, STORIES);
    return {
      rows: [
        summarize('publish request → found by delivery /v1/search', pipeline.search, 'Meilisearch alone (last row)'),
        summarize('publish request → 200 at delivery /v1/articles/:slug', pipeline.readModel, 'the same stories'),
        summarize('publish request answered (editorial)', pipeline.request, 'the same stories'),
        summarize('Meilisearch alone: add 1 document → searchable', reference, 'the limit'),
      ],
    };
  },
};
