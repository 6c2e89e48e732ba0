import { Submission } from '@broadsheet/contracts';
import { createMeili } from '@broadsheet/search';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { LocalStack, startStack } from '../tools/stack';
import { PlatformClient } from '../tools/platform/client';
import {
  createPlatformTopics,
  editorToken,
  platformSecrets,
  PlatformTarget,
  startServices,
} from '../tools/platform/platform';
import { ServiceProcess, serviceNames } from '../tools/platform/services';
import { waitFor } from '../tools/platform/wait';
import { Row, summarize, table } from './stats';

const STORIES = Number(process.env.BENCH_STORIES ?? 100);
const POLL_MS = 5;
const log = (line: string): void => void process.stdout.write(`[bench] ${line}\n`);
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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
  // The benchmark always runs on a stack of its own, never on one given by URL.
  const stack = await startStack({ dataDir, log });
  let services: ServiceProcess[] = [];
  try {
    const target: PlatformTarget = { ...stack, prefix: 'bench_' };
    await createPlatformTopics(target);
    const secrets = await platformSecrets(target);
    const running = await startServices(serviceNames, target, secrets);
    services = Object.values(running);
    const client = new PlatformClient(
      { ingest: running.ingest!.url, editorial: running.editorial!.url, delivery: running.delivery!.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
    log(`Meilisearch alone: ${STORIES} single-document adds`);
    const reference = await meiliAddToSearchable(stack, STORIES);
    log(`pipeline: ${STORIES} stories published one at a time`);
    const pipeline = await publishToSearchable(client, STORIES);
    const rows: Row[] = [
      summarize('publish request → found by delivery /v1/search', pipeline.search, 'Meilisearch alone (last row)'),
      summarize('publish request → 200 at delivery /v1/articles/:slug', pipeline.readModel, 'the same stories'),
      summarize('publish request answered (editorial)', pipeline.request, 'the same stories'),
      summarize('Meilisearch alone: add 1 document → searchable', reference, 'the limit'),
    ];
    const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
    process.stdout.write(
      `\nBroadsheet benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
    );
    process.stdout.write(`polling every ${POLL_MS} ms; one story at a time\n\n${table(rows)}\n`);
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
