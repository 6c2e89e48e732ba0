/** Provisions PostgreSQL 15 with the DocumentDB extension: the storage engine under FerretDB 2. */
import path from 'node:path';
import { existsSync, promises as fs } from 'node:fs';
import { extensionSources } from './extension-sources';
import { cacheRoot, installOnce, isComplete, Log, noop, run } from './provision';

export const DOCUMENTDB_VERSION = '0.106.0';
export const POSTGRES_MAJOR = '15';

export interface PostgresInstall {
  /** PostgreSQL's bin directory (initdb, postgres, psql). */
  bin: string;
  /** LD_LIBRARY_PATH for the server: postgis needs libgeos_c from the unpacked packages, and
   * pg_documentdb links pg_documentdb_core by a run path that named the build's staging directory. */
  libraryPath: string;
}

/** PostgreSQL from Debian's packages with DocumentDB, pgvector and pg_cron built from source, cached. */
export async function ensurePostgres(log: Log = noop): Promise<PostgresInstall> {
  const name = `postgres-${POSTGRES_MAJOR}-documentdb-${DOCUMENTDB_VERSION}`;
  if (!isComplete(path.join(cacheRoot(), name))) {
    log(`${name}: Debian packages and extensions built from source (first run only, about a minute)`);
  }
  const dir = await installOnce(name, async (staging) => {
    const sources = await extensionSources(log);
    const script = buildScript();
    const { stdout } = await run('bash', [script, path.join(staging, 'root'), sources, path.join(staging, 'work')]);
    for (const line of stdout.trimEnd().split('\n')) log(line.trim());
    await fs.rm(path.join(staging, 'work'), { recursive: true, force: true });
  });
  return {
    bin: path.join(dir, 'root', 'usr', 'lib', 'postgresql', POSTGRES_MAJOR, 'bin'),
    libraryPath: [
      path.join(dir, 'root', 'usr', 'lib', 'x86_64-linux-gnu'),
      path.join(dir, 'root', 'usr', 'lib', 'postgresql', POSTGRES_MAJOR, 'lib'),
    ].join(':'),
  };
}

/** The build script sits beside this file in the sources; compiled code runs from dist/tools/stack. */
function buildScript(): string {
  const candidates = [__dirname, path.resolve(__dirname, '..', '..', '..', 'tools', 'stack')];
  const found = candidates.map((dir) => path.join(dir, 'build-documentdb.sh')).find((file) => existsSync(file));
  if (!found) throw new Error(`build-documentdb.sh not found beside ${__dirname}`);
  return found;
}
