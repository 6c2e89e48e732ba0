import { settingsVersion } from '@broadsheet/search';
import {
  editorToken,
  PlatformSecrets,
  ServiceProcess,
  startPlatform,
  testContext,
  TestContext,
  waitFor,
} from '@broadsheet/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { adminToken, ContentLogWriter, indexUids, liveDocuments, ReindexReply } from './search-content-log';

/** search-index's rebuild from the content log, its status and its refusals, with the services as processes. */
describe('search: reindex from the content log', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let log: ContentLogWriter;
  const ids = Array.from({ length: 300 }, () => randomUUID());

  beforeAll(async () => {
    ctx = testContext('reindex');
    ({ secrets, svc } = await startPlatform(ctx, ['search-index', 'delivery']));
    log = await ContentLogWriter.open(ctx);
    // Three versions of some stories, an unpublished and a killed one: the replay must end where the live index is.
    await log.send(
      ids.map((id, i) => ({ version: 1, article: { id, headline: `Harvest report ${i} from the valley` } })),
    );
    await log.send(
      ids.slice(0, 30).map((id, i) => ({ version: 2, article: { id, headline: `Harvest report ${i} revised` } })),
    );
    await log.send([
      { version: 3, article: { id: ids[0]!, status: 'unpublished' } },
      { version: 3, article: { id: ids[1]!, status: 'killed', body: '' } },
    ]);
    await waitFor(
      async () => ((await liveDocuments(ctx)).get(ids[1]!)?.visible === false ? true : undefined),
      'the log applied',
      60_000,
    );
  });

  afterAll(async () => {
    await log?.close();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const admin = (path: string, init: RequestInit = {}, token = adminToken(secrets)) =>
    fetch(`${svc['search-index']!.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });

  it('is ready only with the settings of the code, and says so with the live index’s offsets', async () => {
    const ready = await fetch(`${svc['search-index']!.url}/health/ready`);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks['index-settings']).toBe('ok');
    const res = await admin('/v1/admin/index');
    expect(res.status).toBe(200);
    const status = (await res.json()) as {
      index: string;
      documents: number;
      searchable: number;
      settingsVersion: string;
      partitions: Array<{ partition: number; nextOffset: string; endOffset: string; lag: number }>;
    };
    expect(status).toMatchObject({ index: `${ctx.prefix}articles`, documents: 300, searchable: 298, settingsVersion });
    expect(status.partitions).toHaveLength(6);
    const applied = status.partitions.reduce((n, p) => n + Number(p.nextOffset), 0);
    expect(applied).toBe(332);
    expect(status.partitions.every((p) => p.lag === 0)).toBe(true);
  });

  it('refuses readers and editors: rebuilding is an admin’s call', async () => {
    expect((await fetch(`${svc['search-index']!.url}/v1/admin/reindex`, { method: 'POST' })).status).toBe(401);
    expect((await admin('/v1/admin/reindex', { method: 'POST' }, editorToken(secrets))).status).toBe(403);
    expect((await admin('/v1/admin/index', {}, editorToken(secrets))).status).toBe(403);
    const unknown = await admin('/v1/admin/reindex/20261130000000_abcdef');
    expect(unknown.status).toBe(404);
    const malformed = await admin('/v1/admin/reindex/..%2Fetc');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).toBe(
      'id',
    );
  });

  it('replays the log into a new index with the same documents, swaps it in and deletes the old one', async () => {
    const before = await liveDocuments(ctx);
    let searches = 0;
    let searching = true;
    const failures: string[] = [];
    const loop = (async () => {
      while (searching) {
        // A `from` of its own each time (every story is newer), so no answer comes from delivery's search
        // cache: each search asks the index being rebuilt and swapped. Paced under the per-client limit.
        const from = new Date(Date.UTC(2000, 0, 1) + searches * 1000).toISOString();
        const res = await fetch(`${svc.delivery!.url}/v1/search?q=harvest&limit=5&from=${from}`);
        await new Promise((r) => setTimeout(r, 20));
        const body = (await res.json()) as { totalHits?: number };
        if (res.status !== 200 || !body.totalHits) failures.push(`${res.status} ${JSON.stringify(body)}`);
        searches += 1;
      }
    })();

    const started = await admin('/v1/admin/reindex', { method: 'POST' });
    expect(started.status).toBe(202);
    const run = (await started.json()) as ReindexReply;
    expect(run).toMatchObject({ state: 'preparing', settingsVersion, eventsRead: 0 });

    const second = await admin('/v1/admin/reindex', { method: 'POST' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      error: { code: 'CONFLICT', details: [{ path: 'reindex', message: `running: ${run.id}` }] },
    });

    const done = await waitFor(
      async () => {
        const p = (await (await admin(`/v1/admin/reindex/${run.id}`)).json()) as ReindexReply;
        if (p.state === 'failed') throw new Error(`reindex failed: ${p.error}`);
        return p.state === 'done' ? p : undefined;
      },
      'the reindex to finish',
      90_000,
      250,
    );
    searching = false;
    await loop;

    expect(done).toMatchObject({ eventsRead: 332, documentsIndexed: 300, lag: 0, expectedEndAt: null });
    expect(failures).toEqual([]);
    expect(searches).toBeGreaterThan(0);
    expect(await liveDocuments(ctx)).toEqual(before);
    expect(await indexUids(ctx)).toEqual([`${ctx.prefix}articles`]);
    // A new reindex may start once the last is done.
    const again = await admin('/v1/admin/reindex', { method: 'POST' });
    expect(again.status).toBe(202);
    const next = (await again.json()) as ReindexReply;
    await waitFor(
      async () => {
        const p = (await (await admin(`/v1/admin/reindex/${next.id}`)).json()) as ReindexReply;
        return p.state === 'done' ? p : undefined;
      },
      'the second reindex',
      90_000,
      250,
    );
    expect(await liveDocuments(ctx)).toEqual(before);
  });

  it('counts what it did in the metrics', async () => {
    const text = await (await fetch(`${svc['search-index']!.url}/metrics`)).text();
    expect(text).toMatch(/search_index_consumer_lag\{group="[^"]+search-index",partition="0"\} 0/);
    // Live batches keep each story's newest state only, so 300 to 330 writes for 300 stories and 30 edits.
    expect(Number(/search_index_documents_indexed_total\{index="live"\} (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(
      300,
    );
    expect(text).toMatch(/search_index_documents_indexed_total\{index="reindex"\} 600/);
    expect(text).toMatch(/search_index_event_to_searchable_seconds_count \d+/);
    expect(text).toMatch(/search_index_batch_size_count\{index="live"\} \d+/);
    expect(text).toMatch(/search_index_reindex_events_read\{reindex="[^"]+"\} 332/);
  });

  it('runs from the command line with a progress bar until the new index is live', async () => {
    const root = path.resolve(__dirname, '../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['tools/bin/run.js', 'tools/admin/main.js', 'reindex'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          SEARCH_INDEX_URL: svc['search-index']!.url,
          JWT_SECRET: secrets.jwtSecret,
        },
        timeout: 120_000,
      },
    );
    expect(stdout).toMatch(/reindex \d{14}_[0-9a-f]{6} started/);
    expect(stdout).toMatch(/\[#+\] 100% {2}332\/332 events {2}300 indexed .* done/);
    expect(await indexUids(ctx)).toEqual([`${ctx.prefix}articles`]);
  });
});
