import type { ServiceStatus } from '@broadsheet/messaging';
import { AdminClient } from './client';
import { table } from './table';

/** `npm run admin -- status`: every service's admin status, gathered into a few tables. */
export async function status(services: AdminClient[]): Promise<string> {
  const all = await Promise.all(services.map((s) => s.call<ServiceStatus>('/v1/admin/status', { method: 'GET' })));
  return [lag(all), outbox(all), deadLetters(all), contentLog(all), counts(all)].join('\n\n');
}

function lag(all: ServiceStatus[]): string {
  const rows = all.flatMap((s) =>
    (s.consumer?.partitions ?? []).map((p) => [
      s.consumer!.group,
      p.topic,
      String(p.partition),
      p.committed ?? '-',
      p.end,
      String(p.lag),
    ]),
  );
  const total = rows.reduce((sum, r) => sum + Number(r[5]), 0);
  return `Consumer lag (total ${total})\n${table(['group', 'topic', 'partition', 'committed', 'end', 'lag'], rows)}`;
}

function outbox(all: ServiceStatus[]): string {
  const rows = all.flatMap((s) =>
    s.outbox.map((o) => [
      s.service,
      o.collection,
      String(o.pendingDocuments),
      String(o.pendingEntries),
      o.oldestPendingAgeSeconds === null ? '-' : `${o.oldestPendingAgeSeconds} s`,
    ]),
  );
  return `Outbox backlog\n${table(['service', 'collection', 'documents', 'entries', 'oldest pending'], rows)}`;
}

/** Two readers of one topic share its dead-letter topic: each topic is shown once. */
function deadLetters(all: ServiceStatus[]): string {
  const byTopic = new Map<string, number>();
  for (const s of all) for (const d of s.deadLetters) byTopic.set(d.topic, d.count);
  const rows = [...byTopic].sort(([a], [b]) => a.localeCompare(b)).map(([topic, count]) => [topic, String(count)]);
  return `Dead letters\n${table(['topic', 'messages'], rows)}`;
}

function contentLog(all: ServiceStatus[]): string {
  const readers = all.filter((s) => s.contentLog);
  const partitions = [...new Set(readers.flatMap((s) => s.contentLog!.map((p) => p.partition)))].sort((a, b) => a - b);
  const rows = readers.map((s) => [
    s.service,
    ...partitions.map((p) => s.contentLog!.find((c) => c.partition === p)?.lastApplied ?? '-'),
  ]);
  return `Content log: last offset applied, per partition\n${table(['reader', ...partitions.map((p) => `p${p}`)], rows)}`;
}

function counts(all: ServiceStatus[]): string {
  const figures = Object.assign({}, ...all.map((s) => s.figures)) as Record<string, number | string>;
  const published = figures.publishedArticles;
  const indexed = figures.searchableDocuments;
  if (published === undefined || indexed === undefined) return 'Index vs read model: delivery not reached';
  const verdict = published === indexed ? 'match' : 'MISMATCH';
  return `Index vs read model: delivery publishes ${published}, search shows ${indexed}: ${verdict}`;
}
