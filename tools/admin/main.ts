import { signToken } from '@broadsheet/auth';
import { AdminArgs, parseArgs, usage, UsageError } from './args';
import { AdminClient, AdminError } from './client';
import { reindex } from './reindex';
import { rebuild } from './rebuild';
import { status } from './status';
import { cell, table } from './table';

/** The consuming services and the variables `npm start` prints their URLs in. */
const serviceUrls = {
  ingest: 'INGEST_URL',
  editorial: 'EDITORIAL_URL',
  'search-index': 'SEARCH_INDEX_URL',
  delivery: 'DELIVERY_URL',
} as const;

function clients(args: AdminArgs, env: NodeJS.ProcessEnv): AdminClient[] {
  const token =
    env.ADMIN_TOKEN || (env.JWT_SECRET && signToken(env.JWT_SECRET, { sub: 'admin-cli', roles: ['admin'] }, 300));
  if (!token) throw new UsageError('set ADMIN_TOKEN, or JWT_SECRET to mint one');
  const wanted = args.services.length > 0 ? args.services : Object.keys(serviceUrls);
  const found: AdminClient[] = [];
  for (const name of wanted) {
    const variable = serviceUrls[name as keyof typeof serviceUrls];
    if (!variable) throw new UsageError(`unknown service ${name}: one of ${Object.keys(serviceUrls).join(', ')}`);
    const url = env[variable];
    if (url) found.push(new AdminClient(name, url.replace(/\/$/, ''), token));
    else if (args.services.length > 0) throw new UsageError(`${variable} is not set`);
  }
  if (found.length === 0) throw new UsageError(`set at least one of ${Object.values(serviceUrls).join(', ')}`);
  return found;
}

async function list(args: AdminArgs, services: AdminClient[]): Promise<string> {
  const rows: string[][] = [];
  for (const s of services) {
    const answer = await unlessNotConsumed(args, () => s.list(args.topic, args.limit));
    if (!answer) continue;
    const { items, total } = answer;
    for (const l of items) {
      rows.push([
        s.service,
        `${l.dlqTopic} ${l.dlqPartition}:${l.dlqOffset}`,
        `${l.topic} ${l.partition}:${l.offset}`,
        cell(l.key ?? '', 40),
        l.errorCode,
        cell(l.error),
        String(l.attempts),
        l.failedAt,
        l.replayedAt ?? '-',
      ]);
    }
    if (total > items.length) rows.push([s.service, `… ${total - items.length} older, see --limit`]);
  }
  if (rows.length === 0) return 'no dead letters';
  const headers = ['service', 'dead letter', 'from', 'key', 'code', 'error', 'tries', 'failed at', 'replayed at'];
  return table(headers, rows);
}

interface ReplayRow {
  service: string;
  place: string;
  dlqTopic: string;
  outcome: string;
  detail: string;
}

async function replay(args: AdminArgs, services: AdminClient[]): Promise<string> {
  const rows: ReplayRow[] = [];
  for (const s of services) {
    const body = args.all ? { topic: args.topic, all: true } : { topic: args.topic, offsets: args.offsets };
    const answer = await unlessNotConsumed(args, () => s.replay(body));
    for (const r of answer?.results ?? []) {
      const detail = r.outcome === 'failed' ? `${r.errorCode ?? ''} ${cell(r.error ?? '')}` : (r.replayedAt ?? '');
      rows.push({
        service: s.service,
        place: `${r.dlqPartition}:${r.dlqOffset}`,
        dlqTopic: r.dlqTopic,
        outcome: r.outcome,
        detail,
      });
    }
  }
  // An offset names a dead letter of one group: the other services' "not_found" for it is noise.
  const foundElsewhere = (row: ReplayRow) => rows.some((r) => r.place === row.place && r.outcome !== 'not_found');
  const shown = rows.filter((r) => r.outcome !== 'not_found' || !foundElsewhere(r));
  if (shown.length === 0) return 'nothing to replay';
  return table(
    ['service', 'dead letter', 'outcome', 'detail'],
    shown.map((r) => [r.service, `${r.dlqTopic} ${r.place}`.trim(), r.outcome, r.detail]),
  );
}

/** With --topic, a service that does not consume that topic answers 404: it is skipped. */
async function unlessNotConsumed<T>(args: AdminArgs, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (args.topic && error instanceof AdminError && error.status === 404) return undefined;
    throw error;
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    if (argv[0] === 'reindex') return await reindex(argv.slice(1), env, process.stdout);
    const args = parseArgs(argv);
    if (args.command === 'help') {
      process.stdout.write(`${usage}\n`);
      return argv.length === 0 || argv.includes('--help') ? 0 : 64;
    }
    const services = clients(args, env);
    const commands = {
      list: () => list(args, services),
      replay: () => replay(args, services),
      status: () => status(services),
      rebuild: () => rebuild(services[0]!),
    };
    const text = await commands[args.command]();
    process.stdout.write(`${text}\n`);
    return 0;
  } catch (error) {
    const usageError = error instanceof UsageError;
    process.stderr.write(
      `admin: ${error instanceof Error ? error.message : String(error)}\n${usageError ? `${usage}\n` : ''}`,
    );
    return usageError ? 64 : 1;
  }
}

void main(process.argv.slice(2), process.env).then((code) => {
  process.exitCode = code;
});
