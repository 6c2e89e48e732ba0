/**
 * Starts Kafka (KRaft), the Mongo store (FerretDB 2 on PostgreSQL with DocumentDB) and
 * Meilisearch as local child processes on free loopback ports, for `npm start`, the tests and
 * the bench. Any dependency whose URL the caller passes is used as is and not started.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
// A relative import: jest's global setup loads this file without the @broadsheet path mapping.
import { KAFKA_MESSAGE_MAX_BYTES } from '../../libs/contracts/src';
import { Child, spawnLogged, waitUntilReady } from './children';
import { startMongoStore } from './mongo-store';
import { ensureKafka, ensureMeilisearch, Log, PrerequisiteError, run } from './provision';

export interface StackOptions {
  /** Where data and logs of the started processes go (created if missing). */
  dataDir: string;
  log?: Log;
  kafkaBrokers?: string;
  mongoUrl?: string;
  meiliUrl?: string;
  meiliMasterKey?: string;
}

export type DependencyName = 'kafka' | 'mongo' | 'meilisearch';

/** A dependency this stack started: it can be stopped and started again on the same port and data (outage tests). */
export interface Dependency {
  readonly url: string;
  /** PIDs of its processes while it runs. */
  pids(): number[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface LocalStack {
  kafkaBrokers: string;
  mongoUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  /** The dependencies this stack started (none for those given by URL). */
  dependencies: Partial<Record<DependencyName, Dependency>>;
  /** PIDs of the processes this stack started and that run now. */
  pids(): number[];
  stop(): Promise<void>;
}

export type ExternalDependencies = Pick<StackOptions, 'kafkaBrokers' | 'mongoUrl' | 'meiliUrl' | 'meiliMasterKey'>;

const KAFKA_READY_MS = 90_000;
const OTHER_READY_MS = 30_000;

/** The only place that reads the stack's environment overrides. */
export function stackOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ExternalDependencies {
  const pick = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  const entries = {
    kafkaBrokers: pick('KAFKA_BROKERS'),
    mongoUrl: pick('MONGO_URL'),
    meiliUrl: pick('MEILI_URL'),
    meiliMasterKey: pick('MEILI_MASTER_KEY'),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/** Where a dependency answers, and the processes behind it when this stack started it. */
interface Endpoint {
  url: string;
  children: Child[];
}

interface Launch {
  dataDir: string;
  log: Log;
  ports: number[];
}

export async function startStack(opts: StackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const meiliMasterKey = opts.meiliUrl ? (opts.meiliMasterKey ?? '') : randomBytes(24).toString('base64url');
  // All ports are reserved together so that no two dependencies are handed the same one.
  const ports = await freePorts((opts.kafkaBrokers ? 0 : 2) + (opts.mongoUrl ? 0 : 2) + (opts.meiliUrl ? 0 : 1));
  const launch = (n: number): Launch => ({ dataDir, log, ports: ports.splice(0, n) });
  const kafkaLaunch = opts.kafkaBrokers ? undefined : launch(2);
  const mongoLaunch = opts.mongoUrl ? undefined : launch(2);
  const meiliLaunch = opts.meiliUrl ? undefined : launch(1);
  const starters: Array<[DependencyName, string | undefined, (() => Promise<Endpoint>) | undefined]> = [
    ['kafka', opts.kafkaBrokers, kafkaLaunch && (() => startKafka(kafkaLaunch))],
    ['mongo', opts.mongoUrl, mongoLaunch && (() => startMongo(mongoLaunch))],
    ['meilisearch', opts.meiliUrl, meiliLaunch && (() => startMeilisearch(meiliLaunch, meiliMasterKey))],
  ];
  const results = await Promise.allSettled(starters.map(([name, url, start]) => useOrStart(name, url, start)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' && r.value.dependency ? [r.value.dependency] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((d) => d.stop()));
  };
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    await stop();
    throw combine(failures);
  }
  const [kafka, mongoDb, meili] = results.map((r) => (r as PromiseFulfilledResult<Used>).value);
  log(`stack ready: kafka ${kafka!.url}, mongo ${mongoDb!.url}, meilisearch ${meili!.url}`);
  return {
    kafkaBrokers: kafka!.url,
    mongoUrl: mongoDb!.url,
    meiliUrl: meili!.url,
    meiliMasterKey,
    dependencies: Object.fromEntries(results.flatMap((r, i) => used(r, starters[i]![0]))),
    pids: () => started.flatMap((d) => d.pids()),
    stop,
  };
}

interface Used {
  url: string;
  dependency?: Dependency;
}

function used(result: PromiseSettledResult<Used>, name: DependencyName): Array<[DependencyName, Dependency]> {
  return result.status === 'fulfilled' && result.value.dependency ? [[name, result.value.dependency]] : [];
}

async function useOrStart(
  name: DependencyName,
  url: string | undefined,
  start: (() => Promise<Endpoint>) | undefined,
): Promise<Used> {
  if (url || !start) return { url: url ?? '' };
  const dependency = await restartable(name, start);
  return { url: dependency.url, dependency };
}

/** Wraps a start function that can run again with the same ports and data directory. */
async function restartable(name: DependencyName, start: () => Promise<Endpoint>): Promise<Dependency> {
  let endpoint: Endpoint | undefined = await start();
  const url = endpoint.url;
  return {
    url,
    pids: () => endpoint?.children.filter((c) => c.isRunning()).map((c) => c.pid) ?? [],
    async stop() {
      // In order: a client (FerretDB) before the server it talks to (PostgreSQL).
      for (const child of endpoint?.children ?? []) await child.stop();
      endpoint = undefined;
    },
    async start() {
      if (endpoint) throw new Error(`${name} is already running`);
      endpoint = await start();
    },
  };
}

/** Keeps a lone error as is, and keeps PrerequisiteError when that is all that went wrong. */
function combine(errors: unknown[]): Error {
  if (errors.length === 1 && errors[0] instanceof Error) return errors[0];
  const messages = errors.map((e) => (e instanceof Error ? e.message : String(e)));
  if (errors.every((e) => e instanceof PrerequisiteError)) return new PrerequisiteError(messages.join('\n'));
  return new Error(`local stack failed to start:\n${messages.join('\n\n')}`);
}

/** Asks the OS for free ports by listening on port 0; all are held until all are known. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listenOnAnyPort()));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function listenOnAnyPort(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Children get no MEILI_* / FERRETDB_* / PG* variables: they read those as settings. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(MEILI_|FERRETDB_|PG)/.test(k)));
}

function takePort(ports: number[], index: number): number {
  const port = ports[index];
  if (port === undefined) throw new Error('internal error: not enough ports reserved');
  return port;
}

// ---------------------------------------------------------------- Kafka

async function startKafka({ dataDir, log, ports }: Launch): Promise<Endpoint> {
  const { classpath } = await ensureKafka(log);
  const dir = path.join(dataDir, 'kafka');
  await fs.mkdir(dir, { recursive: true });
  const brokers = `127.0.0.1:${takePort(ports, 0)}`;
  const props = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j.properties');
  await fs.writeFile(props, kafkaProperties(dir, takePort(ports, 0), takePort(ports, 1)));
  await fs.writeFile(log4j, KAFKA_LOG4J);
  const jvm = ['-Xmx512m', '-Xms256m', `-Dlog4j.configuration=${pathToFileURL(log4j).href}`, `-Dkafka.logs.dir=${dir}`];
  await formatKafkaStorage(dir, [...jvm, '-cp', classpath], props);
  log(`kafka: starting on ${brokers}`);
  const child = await spawnLogged('kafka', 'java', [...jvm, '-cp', classpath, 'kafka.Kafka', props], {
    logFile: path.join(dir, 'kafka.log'),
    cwd: dir,
  });
  await waitUntilReady(child, KAFKA_READY_MS, () => probeKafka(brokers));
  return { url: brokers, children: [child] };
}

function kafkaProperties(dir: string, brokerPort: number, controllerPort: number): string {
  return `# written by tools/stack on every start (ports change per run)
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${path.join(dir, 'data')}
num.partitions=3
# topics come from the contracts' TopicSpecs, as in production: a topic missing there fails here too
auto.create.topics.enable=false
# one broker: internal topics cannot be replicated, and groups should form at once
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# the cleaner allocates this buffer on the heap up front; the 128 MiB default is a quarter of ours
log.cleaner.dedupe.buffer.size=33554432
# the limit every topic states too (libs/contracts/src/limits.ts); producers stay under it
message.max.bytes=${KAFKA_MESSAGE_MAX_BYTES}
`;
}

const KAFKA_LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.kafka.log.LogCleaner=INFO
`;

/** KRaft needs its log dir formatted once; a reused dataDir keeps its cluster id. */
async function formatKafkaStorage(dir: string, javaArgs: string[], props: string): Promise<void> {
  if (existsSync(path.join(dir, 'data', 'meta.properties'))) return;
  await run('java', [...javaArgs, 'kafka.tools.StorageTool', 'format', '-t', kafkaClusterId(), '-c', props], {
    cwd: dir,
  });
}

/** A Kafka Uuid string: base64url of 16 random bytes, never starting with '-' (read as a flag). */
function kafkaClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

const PROBE_TOPIC = 'broadsheet-stack-readiness';

/**
 * Ready means metadata answers, the controller can create and delete a topic,
 * a group coordinator exists and an idempotent producer gets a producer id. Both
 * set up internal state now, so the services' first consumer and producer do not
 * get (and log) "coordinator not available" or "coordinator is loading".
 */
async function probeKafka(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'broadsheet-stack',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.createTopics({ topics: [{ topic: PROBE_TOPIC, numPartitions: 1 }], waitForLeaders: true });
    await admin.deleteTopics({ topics: [PROBE_TOPIC] });
    await admin.describeGroups([PROBE_TOPIC]);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 5 } });
    await producer.connect();
    await producer.disconnect();
  } finally {
    await admin.disconnect();
  }
}

// ---------------------------------------------------------------- Mongo store

function startMongo({ dataDir, log, ports }: Launch): Promise<Endpoint> {
  return startMongoStore({
    dataDir,
    log,
    postgresPort: takePort(ports, 0),
    ferretPort: takePort(ports, 1),
    env: childEnv(),
  });
}

// ---------------------------------------------------------------- Meilisearch

async function startMeilisearch({ dataDir, log, ports }: Launch, masterKey: string): Promise<Endpoint> {
  const { bin } = await ensureMeilisearch(log);
  const dir = path.join(dataDir, 'meilisearch');
  await fs.mkdir(dir, { recursive: true });
  const addr = `127.0.0.1:${takePort(ports, 0)}`;
  const args = [
    // `--flag=value`: a base64url key may begin with '-', which the CLI would read as another flag.
    ...['--http-addr', addr, `--master-key=${masterKey}`, '--env', 'development', '--no-analytics'],
    ...['--db-path', path.join(dir, 'data.ms'), '--dump-dir', path.join(dir, 'dumps')],
    ...['--snapshot-dir', path.join(dir, 'snapshots'), '--log-level', 'WARN'],
    // By default the indexer reserves 2/3 of RAM and keeps it (~870 MB RSS after indexing one
    // document); 256 MiB indexed 10k 3 KB documents in 1,000-document batches as fast here.
    ...['--max-indexing-memory', '256MiB'],
  ];
  log(`meilisearch: starting on ${addr}`);
  const child = await spawnLogged('meilisearch', bin, args, {
    logFile: path.join(dir, 'meilisearch.log'),
    cwd: dir, // it also reads ./config.toml, which must not be the caller's
    env: childEnv(),
  });
  const url = `http://${addr}`;
  await waitUntilReady(child, OTHER_READY_MS, () => probeMeilisearch(url));
  return { url, children: [child] };
}

async function probeMeilisearch(url: string): Promise<void> {
  const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
  const body = (await res.json()) as { status?: unknown };
  if (body.status !== 'available') throw new Error(`/health answered ${res.status} ${JSON.stringify(body)}`);
}
