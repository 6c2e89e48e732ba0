import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../tools/stack';
import { PlatformClient } from '../tools/platform/client';
import {
  createPlatformTopics,
  editorToken,
  platformSecrets,
  PlatformTarget,
  startServices,
} from '../tools/platform/platform';
import { ServiceProcess, serviceNames } from '../tools/platform/services';
import { figureTable, Figure, Row, table } from './stats';
import { suites } from './suites';

const log = (line: string): void => void process.stdout.write(`[bench] ${line}\n`);

/** `npm run bench -- pipeline …` runs the named suites; no names runs them all. */
function selectedSuites(names: string[]): typeof suites {
  const unknown = names.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(`unknown bench suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  return names.length ? suites.filter((s) => names.includes(s.name)) : suites;
}

async function main(): Promise<void> {
  const chosen = selectedSuites(process.argv.slice(2));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
  // The benchmark always runs on a stack of its own, never on one given by URL.
  const stack = await startStack({ dataDir, log });
  let services: ServiceProcess[] = [];
  try {
    const target: PlatformTarget = { ...stack, prefix: 'bench_' };
    await createPlatformTopics(target);
    const secrets = await platformSecrets(target);
    const rows: Row[] = [];
    const figures: Figure[] = [];
    for (const suite of chosen) {
      log(`suite ${suite.name}`);
      const running = await startServices(suite.services ?? serviceNames, target, secrets);
      services = Object.values(running);
      const client = new PlatformClient(
        { ingest: running.ingest?.url, editorial: running.editorial?.url, delivery: running.delivery?.url },
        secrets.sourceApiKey,
        editorToken(secrets),
      );
      const result = await suite.run({ stack, target, secrets, services: running, client, log });
      rows.push(...(result.rows ?? []));
      figures.push(...(result.figures ?? []));
      await Promise.allSettled(services.map((s) => s.stop()));
      services = [];
    }
    const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
    process.stdout.write(
      `\nBroadsheet benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
    );
    if (rows.length) process.stdout.write(`\n${table(rows)}\n`);
    if (figures.length) process.stdout.write(`\n${figureTable(figures)}\n`);
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
