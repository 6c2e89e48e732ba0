import { signToken } from '@broadsheet/auth';
import { UsageError } from './args';
import { AdminError } from './client';

/** A reindex as search-index reports it (`GET /v1/admin/reindex/:id`). */
interface Progress {
  id: string;
  state: 'preparing' | 'replaying' | 'swapping' | 'done' | 'failed';
  eventsRead: number;
  documentsIndexed: number;
  lag: number;
  eventsPerSecond: number;
  expectedEndAt: string | null;
  error: string | null;
}

/**
 * `npm run admin -- reindex`: starts a rebuild on search-index and draws its progress until it is swapped
 * in (exit 0) or fails (exit 1). `--no-wait` prints the id and returns at once.
 */
export async function reindex(argv: string[], env: NodeJS.ProcessEnv, out: NodeJS.WriteStream): Promise<number> {
  const unknown = argv.filter((a) => a !== '--no-wait');
  if (unknown.length > 0) throw new UsageError(`unknown argument ${unknown[0]}`);
  const base = env.SEARCH_INDEX_URL?.replace(/\/$/, '');
  const token =
    env.ADMIN_TOKEN || (env.JWT_SECRET && signToken(env.JWT_SECRET, { sub: 'admin-cli', roles: ['admin'] }, 3600));
  if (!base || !token) throw new UsageError('set SEARCH_INDEX_URL, and ADMIN_TOKEN or JWT_SECRET');
  const call = (path: string, method = 'GET') => request<Progress>(`${base}${path}`, method, token);
  const started = await call('/v1/admin/reindex', 'POST');
  out.write(`reindex ${started.id} started\n`);
  if (argv.includes('--no-wait')) return 0;
  for (let p = started; ; p = await call(`/v1/admin/reindex/${started.id}`)) {
    if (out.isTTY) out.write(`\r${progressLine(p)}\u001b[K`);
    if (p.state === 'done' || p.state === 'failed') {
      out.write(`${out.isTTY ? '\n' : ''}${progressLine(p)}\n${p.error ? `error: ${p.error}\n` : ''}`);
      return p.state === 'done' ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** `[##########··········]  50%  5,000/10,000 events  4,990 indexed  2,400/s  lag 5,000  ETA 05:52:10  replaying` */
export function progressLine(p: Progress, width = 30): string {
  const total = p.eventsRead + p.lag;
  const share = p.state === 'done' ? 1 : total === 0 ? 0 : p.eventsRead / total;
  const filled = Math.round(share * width);
  const n = (x: number) => x.toLocaleString('en-US');
  const eta = p.expectedEndAt ? `  ETA ${p.expectedEndAt.slice(11, 19)}` : '';
  return (
    `[${'#'.repeat(filled)}${'·'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ` +
    `${n(p.eventsRead)}/${n(total)} events  ${n(p.documentsIndexed)} indexed  ${n(p.eventsPerSecond)}/s  ` +
    `lag ${n(p.lag)}${eta}  ${p.state}`
  );
}

async function request<T>(url: string, method: string, token: string): Promise<T> {
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
  if (!res.ok) {
    const code = body.error?.code ?? 'HTTP_ERROR';
    throw new AdminError(res.status, code, `search-index: ${res.status} ${code} ${body.error?.message ?? ''}`.trim());
  }
  return body;
}
