/**
 * The source archives of the PostgreSQL extensions FerretDB 2 needs, exactly as tagged upstream.
 * Taken from a local mirror when one is found (checksums verified), otherwise fetched from the
 * upstream repositories at the pinned tag (commit verified); kept in the cache either way.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, Log, run } from './provision';

interface ExtensionSource {
  /** Archive name without `.tar.gz`; also the top directory inside it. */
  name: string;
  repo: string;
  tag: string;
  commit: string;
  sha256: string;
}

export const EXTENSION_SOURCES: readonly ExtensionSource[] = [
  {
    name: 'documentdb-0.106.0-ferretdb-2.5.0',
    repo: 'https://github.com/FerretDB/documentdb',
    tag: 'v0.106.0-ferretdb-2.5.0',
    commit: 'beb9d25d9845477c85559d3293cd1f929cdf2b9c',
    sha256: '3ba0408eee7c3bc67933da50034092ee77e2aa79b61234c1216b0a1ffac21df1',
  },
  {
    name: 'pgvector-0.8.0',
    repo: 'https://github.com/pgvector/pgvector',
    tag: 'v0.8.0',
    commit: '2627c5ff775ae6d7aef0c430121ccf857842d2f2',
    sha256: '93df40ccdaaaa267d1275c1e6e773004a0e5ff8e14227934a4ec7e8205d0f608',
  },
  {
    name: 'pg_cron-1.6.4',
    repo: 'https://github.com/citusdata/pg_cron',
    tag: 'v1.6.4',
    commit: '9490f9cc9803f75105f2f7d89839a998f011f8d8',
    sha256: '1f4d3b9a8b173892c6689396f990960810e8824921e901962843aece1e5bd1ae',
  },
];

/** Returns a directory holding `<name>.tar.gz` for every extension, each verified. */
export async function extensionSources(log: Log): Promise<string> {
  const dir = path.join(cacheRoot(), 'sources');
  await fs.mkdir(dir, { recursive: true });
  const mirror = findMirror();
  for (const source of EXTENSION_SOURCES) {
    const target = path.join(dir, `${source.name}.tar.gz`);
    if (existsSync(target) && (await sha256(target)) === source.sha256) continue;
    const mirrored = mirror && path.join(mirror, `${source.name}.tar.gz`);
    if (mirrored && existsSync(mirrored)) {
      await copyVerified(mirrored, target, source);
      log(`${source.name}: from the mirror ${mirror} (sha256 verified)`);
    } else {
      await fetchUpstream(source, target);
      log(`${source.name}: from ${source.repo} at ${source.tag} (commit verified)`);
    }
  }
  return dir;
}

/**
 * BROADSHEET_MIRROR, else a `shared/mirror` beside the checkout or one of its parents, or beside the
 * local repository the checkout was cloned from (CI clones the main checkout into a directory of its own).
 */
function findMirror(): string | undefined {
  const given = process.env.BROADSHEET_MIRROR;
  if (given) return given;
  for (const start of [__dirname, clonedFrom()]) {
    for (let dir = start; dir; dir = path.dirname(dir) === dir ? undefined : path.dirname(dir)) {
      const candidate = path.join(dir, 'shared', 'mirror');
      if (existsSync(path.join(candidate, 'SHA256SUMS'))) return candidate;
    }
  }
  return undefined;
}

/** The local path of the checkout's `origin` remote, when it is one. */
function clonedFrom(): string | undefined {
  try {
    const url = execFileSync('git', ['-C', __dirname, 'remote', 'get-url', 'origin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const local = url.startsWith('file://') ? fileURLToPath(url) : url;
    return path.isAbsolute(local) && existsSync(local) ? local : undefined;
  } catch {
    return undefined;
  }
}

async function copyVerified(from: string, to: string, source: ExtensionSource): Promise<void> {
  const actual = await sha256(from);
  if (actual !== source.sha256) {
    throw new Error(`${from}: sha256 ${actual}, expected ${source.sha256}: the mirror copy is not the pinned release`);
  }
  await fs.copyFile(from, `${to}.part`);
  await fs.rename(`${to}.part`, to);
}

/** A shallow clone of the tag, its commit checked, packed like the mirror's `git archive`. */
async function fetchUpstream(source: ExtensionSource, to: string): Promise<void> {
  const work = await fs.mkdtemp(path.join(path.dirname(to), `.${source.name}-`));
  try {
    const repo = path.join(work, 'repo');
    await run('git', ['clone', '--quiet', '--depth=1', '--branch', source.tag, source.repo, repo]);
    const { stdout } = await run('git', ['-C', repo, 'rev-parse', 'HEAD']);
    if (stdout.trim() !== source.commit) {
      throw new Error(`${source.repo} ${source.tag} is commit ${stdout.trim()}, expected ${source.commit}`);
    }
    const prefix = `--prefix=${source.name}/`;
    await run('git', ['-C', repo, 'archive', '--format=tar.gz', prefix, '-o', `${to}.part`, 'HEAD']);
    await fs.rename(`${to}.part`, to);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
