/**
 * The local Mongo store: FerretDB 2 (MongoDB wire protocol) on PostgreSQL with the DocumentDB
 * extension, whose single-document updates are atomic, as MongoDB's are.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { mongo } from 'mongoose';
import { Child, spawnLogged, waitUntilReady } from './children';
import { ensurePostgres, PostgresInstall } from './postgres-install';
import { ensureFerretDb, Log, run } from './provision';

const READY_MS = 30_000;

export interface StoreLaunch {
  dataDir: string;
  log: Log;
  postgresPort: number;
  ferretPort: number;
  env: NodeJS.ProcessEnv;
}

export interface RunningStore {
  url: string;
  /** FerretDB first: it is stopped before the database it talks to. */
  children: Child[];
}

export async function startMongoStore(launch: StoreLaunch): Promise<RunningStore> {
  const [pg, ferret] = await Promise.all([ensurePostgres(launch.log), ensureFerretDb(launch.log)]);
  const postgres = await startPostgres(pg, launch);
  try {
    const dir = path.join(launch.dataDir, 'ferretdb');
    await fs.mkdir(dir, { recursive: true });
    const addr = `127.0.0.1:${launch.ferretPort}`;
    const args = [
      `--postgresql-url=postgres://postgres@127.0.0.1:${launch.postgresPort}/postgres`,
      ...[`--listen-addr=${addr}`, '--no-auth', '--telemetry=disable', '--debug-addr=-', `--state-dir=${dir}`],
      // WARN logs every failed command in full (duplicate keys, refused updates); errors are what is worth keeping.
      '--log-level=error',
    ];
    launch.log(`ferretdb: starting on ${addr}`);
    const child = await spawnLogged('ferretdb', ferret.bin, args, {
      logFile: path.join(dir, 'ferretdb.log'),
      cwd: dir,
      env: launch.env,
    });
    const url = `mongodb://${addr}/`;
    await waitUntilReady(child, READY_MS, () => probeMongo(url));
    return { url, children: [child, postgres] };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

async function startPostgres(pg: PostgresInstall, launch: StoreLaunch): Promise<Child> {
  const dir = path.join(launch.dataDir, 'postgres');
  const data = path.join(dir, 'data');
  const env = { ...launch.env, LD_LIBRARY_PATH: pg.libraryPath };
  if (!existsSync(path.join(data, 'PG_VERSION'))) await initDatabase(pg, dir, data, env);
  launch.log(`postgres: starting on 127.0.0.1:${launch.postgresPort}`);
  const [cmd, args] = asUnprivileged(path.join(pg.bin, 'postgres'), [
    ...['-D', data, '-p', String(launch.postgresPort), '-c', 'listen_addresses=127.0.0.1'],
    ...['-c', `unix_socket_directories=${dir}`],
  ]);
  const child = await spawnLogged('postgres', cmd, args, {
    logFile: path.join(dir, 'postgres.log'),
    cwd: dir,
    env,
    // SIGTERM would wait for every client to leave; SIGINT is PostgreSQL's fast, clean shutdown.
    stopSignal: 'SIGINT',
  });
  const connection = ['-h', '127.0.0.1', '-p', String(launch.postgresPort), '-U', 'postgres', '-d', 'postgres'];
  const psql = async (sql: string): Promise<void> => {
    await run(path.join(pg.bin, 'psql'), [...connection, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { env });
  };
  await waitUntilReady(child, READY_MS, () => psql('SELECT 1'));
  await psql('CREATE EXTENSION IF NOT EXISTS documentdb CASCADE');
  return child;
}

async function initDatabase(pg: PostgresInstall, dir: string, data: string, env: NodeJS.ProcessEnv): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const [cmd, args] = asUnprivileged(path.join(pg.bin, 'initdb'), [
    ...['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'],
  ]);
  await run(cmd, args, { env, cwd: dir });
  await fs.appendFile(
    path.join(data, 'postgresql.conf'),
    [
      "shared_preload_libraries = 'pg_cron,pg_documentdb_core,pg_documentdb'",
      "cron.database_name = 'postgres'",
      // DocumentDB's background jobs and FerretDB's pool; the default 100 is plenty for tests.
      'max_connections = 200',
    ].join('\n') + '\n',
  );
}

/**
 * PostgreSQL refuses to run as root. As root, it runs in a user namespace of its own with no
 * mapping: it sees itself (and the files it owns) as `nobody`, while the kernel still checks
 * access as the real user, so the cached binaries and data directories need no permission change.
 */
function asUnprivileged(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['unshare', ['--user', cmd, ...args]] : [cmd, args];
}

async function probeMongo(url: string): Promise<void> {
  const client = new mongo.MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}
