/**
 * `node dist/tools/stack/provision-cli.js`: fills the dependency cache ahead of
 * time (e.g. from `npm start` or a CI warm-up step) and says what it did.
 */
import { DOCUMENTDB_VERSION, ensurePostgres, POSTGRES_MAJOR } from './postgres-install';
import {
  cacheRoot,
  ensureFerretDb,
  ensureKafka,
  ensureMeilisearch,
  FERRETDB_VERSION,
  KAFKA_VERSION,
  MEILISEARCH_VERSION,
  PrerequisiteError,
} from './provision';

interface Outcome {
  label: string;
  seconds: number;
  result: PromiseSettledResult<string>;
}

async function timed(label: string, work: () => Promise<string>): Promise<Outcome> {
  const started = performance.now();
  let result: PromiseSettledResult<string>;
  try {
    result = { status: 'fulfilled', value: await work() };
  } catch (reason) {
    result = { status: 'rejected', reason };
  }
  return { label, seconds: (performance.now() - started) / 1000, result };
}

function describe(outcome: Outcome): string {
  const head = `${outcome.label.padEnd(30)} ${outcome.seconds.toFixed(1).padStart(7)} s  `;
  if (outcome.result.status === 'fulfilled') return head + outcome.result.value;
  const err: unknown = outcome.result.reason;
  const detail =
    err instanceof PrerequisiteError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  return `${head}FAILED: ${detail}`;
}

export async function main(): Promise<number> {
  const log = (line: string): void => console.log(`  ${line}`);
  console.log(`provisioning local dependencies into ${cacheRoot()}`);
  const outcomes = await Promise.all([
    timed(`kafka ${KAFKA_VERSION}`, async () => (await ensureKafka(log)).classpath),
    timed(`postgres ${POSTGRES_MAJOR}+documentdb ${DOCUMENTDB_VERSION}`, async () => (await ensurePostgres(log)).bin),
    timed(`ferretdb ${FERRETDB_VERSION}`, async () => (await ensureFerretDb(log)).bin),
    timed(`meilisearch ${MEILISEARCH_VERSION}`, async () => (await ensureMeilisearch(log)).bin),
  ]);
  for (const outcome of outcomes) console.log(describe(outcome));
  return outcomes.every((o) => o.result.status === 'fulfilled') ? 0 : 1;
}

// An entry point: run directly, or through tools/bin/run.js (which is then require.main).
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
