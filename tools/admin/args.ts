/** `dlq list|replay [--service S] [--topic T] [--offset P:O ...] [--all]`, as parsed from argv. */
export interface AdminArgs {
  command: 'list' | 'replay' | 'status' | 'rebuild' | 'help';
  services: string[];
  topic?: string;
  offsets: Array<{ partition: number; offset: string }>;
  all: boolean;
  limit?: number;
}

export class UsageError extends Error {}

export const usage = `usage: npm run admin -- dlq list   [--service NAME] [--topic TOPIC] [--limit N]
       npm run admin -- dlq replay [--service NAME] [--topic TOPIC] (--offset PARTITION:OFFSET ... | --all)
       npm run admin -- reindex [--no-wait]   (rebuilds the search index from the content log, with a progress bar)
       npm run admin -- status [--service NAME]
       npm run admin -- rebuild delivery

Talks to each consuming service's admin routes (/v1/admin/dlq). Service URLs come from
INGEST_URL, EDITORIAL_URL, SEARCH_INDEX_URL and DELIVERY_URL (as \`npm start\` prints them);
the token from ADMIN_TOKEN, or one is minted from JWT_SECRET.`;

export function parseArgs(argv: string[]): AdminArgs {
  const [group, command, ...rest] = argv;
  if (group === 'status') return { ...emptyArgs('status'), services: serviceFlags(argv.slice(1)) };
  if (group === 'rebuild') {
    if (command !== 'delivery' || rest.length > 0) throw new UsageError('rebuild: only `rebuild delivery` exists');
    return { ...emptyArgs('rebuild'), services: ['delivery'] };
  }
  if (group !== 'dlq' || (command !== 'list' && command !== 'replay')) return emptyArgs('help');
  const args = emptyArgs(command);
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--service') args.services.push(value());
    else if (flag === '--topic') args.topic = value();
    else if (flag === '--limit') args.limit = Number(value());
    else if (flag === '--all') args.all = true;
    else if (flag === '--offset') args.offsets.push(parseOffset(value()));
    else throw new UsageError(`unknown argument ${flag}`);
  }
  if (command === 'replay' && args.all === args.offsets.length > 0) {
    throw new UsageError('replay needs either --offset PARTITION:OFFSET (one or more) or --all');
  }
  return args;
}

function emptyArgs(command: AdminArgs['command']): AdminArgs {
  return { command, services: [], offsets: [], all: false };
}

function parseOffset(text: string): { partition: number; offset: string } {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new UsageError(`--offset ${text}: expected PARTITION:OFFSET, e.g. 0:42`);
  return { partition: Number(match[1]), offset: match[2]! };
}

function serviceFlags(rest: string[]): string[] {
  const services: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] !== '--service' || !rest[i + 1]) throw new UsageError(`unknown argument ${rest[i]}`);
    services.push(rest[i + 1]!);
  }
  return services;
}
