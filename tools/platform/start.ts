import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePorts, LocalStack, PrerequisiteError, stackOptionsFromEnv, startStack } from '../stack';
import { PlatformClient, publishStories } from './client';
import { demoNews } from './demo-news';
import {
  createPlatformTopics,
  editorToken,
  PlatformSecrets,
  platformSecrets,
  PlatformTarget,
  startServices,
} from './platform';
import { ServiceName, ServiceProcess, serviceNames } from './services';

const defaultPorts: Record<ServiceName, number> = {
  delivery: 3000,
  ingest: 3001,
  editorial: 3002,
  'search-index': 3003,
};
const log = (line: string): void => void process.stdout.write(`[broadsheet] ${line}\n`);

/** The documented ports when they are free, otherwise any free port (a second platform, a busy machine). */
async function choosePorts(): Promise<Record<ServiceName, number>> {
  const spare = await freePorts(serviceNames.length);
  const chosen = {} as Record<ServiceName, number>;
  for (const name of serviceNames)
    chosen[name] = (await isFree(defaultPorts[name])) ? defaultPorts[name] : spare.pop()!;
  return chosen;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `npm start`: the local dependencies, the four services and the demo news, until Ctrl-C. */
async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-run-'));
  // What a signal must stop; filled in as things start.
  const live: { stack?: LocalStack; services: ServiceProcess[] } = { services: [] };
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await Promise.allSettled(live.services.map((s) => s.stop()));
    await live.stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    log('stopped');
    process.exit(0);
  };
  // `on`, not `once`: the stack's own signal hook stands back only while another listener is installed.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const stack = await startStack({ dataDir, log, ...stackOptionsFromEnv() });
  live.stack = stack;
  const target: PlatformTarget = { ...stack, prefix: '' };
  await createPlatformTopics(target);
  const secrets = await platformSecrets(target);
  const running = await startServices(serviceNames, target, secrets, await choosePorts());
  live.services = Object.values(running);
  log(`services ready in ${((Date.now() - started) / 1000).toFixed(1)} s; loading ${demoNews.length} demo stories`);
  const url = (n: ServiceName): string => running[n]!.url;
  const token = editorToken(secrets, ['editor']);
  await publishStories(
    new PlatformClient(
      { ingest: url('ingest'), editorial: url('editorial'), delivery: url('delivery') },
      secrets.sourceApiKey,
      token,
    ),
    demoNews,
  );
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s — Ctrl-C stops everything\n`);
  printSummary(url, stack, secrets, token);
}

function printSummary(
  url: (n: ServiceName) => string,
  stack: LocalStack,
  secrets: PlatformSecrets,
  token: string,
): void {
  const lines = [
    `Readers:   ${url('delivery')}/   ${url('delivery')}/search?q=budget   ${url('delivery')}/v1/articles   ${url('delivery')}/docs`,
    `Editorial: ${url('editorial')}/v1/articles (Authorization: Bearer $EDITOR_TOKEN)`,
    `Ingest:    ${url('ingest')}/v1/submissions (X-Api-Key: $SOURCE_API_KEY, source "wire")`,
    '',
    `DELIVERY_URL=${url('delivery')}`,
    `EDITORIAL_URL=${url('editorial')}`,
    `INGEST_URL=${url('ingest')}`,
    `SEARCH_INDEX_URL=${url('search-index')}`,
    `EDITOR_TOKEN=${token}`,
    `ADMIN_TOKEN=${editorToken(secrets, ['admin'])}`,
    `SOURCE_API_KEY=${secrets.sourceApiKey}`,
    `KAFKA_BROKERS=${stack.kafkaBrokers}`,
    `MONGO_URL=${stack.mongoUrl}`,
    `MEILI_URL=${stack.meiliUrl}`,
    `MEILI_SEARCH_KEY=${secrets.meiliSearchKey}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof PrerequisiteError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.kill(process.pid, 'SIGTERM');
});
