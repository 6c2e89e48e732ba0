import { Role, Roles } from '@broadsheet/auth';

export const usage = `usage: npm run token -- --sub NAME --roles writer|editor|admin[,…] [--ttl SECONDS]
Mints a local HS256 token signed with JWT_SECRET (the secret \`npm start\` printed and the services run with).`;

export class UsageError extends Error {}

export interface TokenArgs {
  sub: string;
  roles: Role[];
  ttlSeconds: number;
}

const isRole = (r: string): r is Role => (Roles as readonly string[]).includes(r);

/** `--sub NAME --roles editor,writer [--ttl 3600]`; anything else is a usage error naming it. */
export function parseTokenArgs(argv: string[]): TokenArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!flag || !['--sub', '--roles', '--ttl'].includes(flag) || value === undefined || value.startsWith('--'))
      throw new UsageError(`unexpected argument ${flag ?? ''}`);
    values.set(flag, value);
  }
  const sub = values.get('--sub')?.trim();
  if (!sub) throw new UsageError('--sub is required');
  const roles = (values.get('--roles') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0)
    throw new UsageError(
      `--roles takes ${Roles.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
  const ttlSeconds = Number(values.get('--ttl') ?? 12 * 3600);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
    throw new UsageError('--ttl takes a positive number of seconds');
  return { sub, roles: roles.filter(isRole), ttlSeconds };
}
