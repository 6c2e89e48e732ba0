import { AdminClient } from './client';

interface Progress {
  id: string;
  state: string;
  total: number;
  read: number;
  articles: number;
  error: string | null;
}

const WIDTH = 30;

/** `npm run admin -- rebuild delivery`: starts delivery's read-model rebuild and follows it with a progress bar. */
export async function rebuild(delivery: AdminClient, out: NodeJS.WriteStream = process.stdout): Promise<string> {
  const started = await delivery.call<Progress>('/v1/admin/rebuild', { method: 'POST' });
  let last = '';
  for (let p = started; ;) {
    const line = bar(p);
    if (line !== last) out.write(out.isTTY ? `\r${line}` : `${line}\n`);
    last = line;
    if (p.state === 'done' || p.state === 'failed') {
      if (out.isTTY) out.write('\n');
      if (p.state === 'failed') throw new Error(`rebuild ${p.id} failed: ${p.error ?? 'unknown'}`);
      return `rebuild ${p.id} done: ${p.articles} articles in the read model`;
    }
    await new Promise((r) => setTimeout(r, 250));
    p = await delivery.call<Progress>(`/v1/admin/rebuild/${p.id}`, { method: 'GET' });
  }
}

function bar(p: Progress): string {
  const finished = p.state === 'done' || p.state === 'switching' || p.state === 'catching_up';
  const share = p.total === 0 ? (finished ? 1 : 0) : Math.min(1, p.read / p.total);
  const filled = Math.round(share * WIDTH);
  const percent = String(Math.floor(share * 100)).padStart(3);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${percent}% ${p.read}/${p.total} ${p.state}`;
}
