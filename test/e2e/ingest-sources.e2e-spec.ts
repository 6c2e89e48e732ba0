import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  aSubmission,
  createTopics,
  editorToken,
  platformSecrets,
  PlatformSecrets,
  serviceEnv,
  ServiceProcess,
  testContext,
  TestContext,
  waitFor,
} from '@broadsheet/testing';
import { ingestFixture, platformClient, postAs } from './ingest-client';

/** A partner's feed server, on 127.0.0.1, whose behaviour each test sets: 200 with ETag, 304, 500, slow. */
class FeedServer {
  mode: 'ok' | 'error' | 'slow' = 'ok';
  body = ingestFixture('rss-partner.xml');
  readonly requests: Array<{ ifNoneMatch?: string; ifModifiedSince?: string }> = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/feed.rss`;
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const ifNoneMatch = req.headers['if-none-match'];
    this.requests.push({ ifNoneMatch, ifModifiedSince: req.headers['if-modified-since'] });
    if (this.mode === 'error') return void res.writeHead(500).end('upstream broke');
    if (this.mode === 'slow') return void setTimeout(() => res.writeHead(200).end(this.body), 4_000);
    const etag = `"v${this.body.length}"`;
    if (ifNoneMatch === etag) return void res.writeHead(304).end();
    res.writeHead(200, {
      'content-type': 'application/rss+xml',
      etag,
      'last-modified': 'Mon, 30 Nov 2026 04:00:00 GMT',
    });
    res.end(this.body);
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface SourceReply {
  id: string;
  keys: Array<{ id: string; revokedAt?: string }>;
  lastPoll: {
    at?: string;
    status?: number;
    error?: string;
    failures: number;
    nextAt?: string;
    items: Record<string, number>;
  };
}

describe('sources: keys and feed polling', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  const feed = new FeedServer();
  let feedUrl: string;

  beforeAll(async () => {
    ctx = testContext('ingest-sources');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    feedUrl = await feed.start();
    const env = (name: 'ingest' | 'editorial') => serviceEnv(name, ctx, secrets);
    const [ingest, editorial] = await Promise.all([
      ServiceProcess.start('ingest', { ...env('ingest'), FEED_POLL_TICK_MS: '200', FEED_FETCH_TIMEOUT_MS: '1500' }),
      ServiceProcess.start('editorial', env('editorial')),
    ]);
    svc = { ingest, editorial };
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
    await feed.stop();
  });

  const admin = (path: string, init: RequestInit = {}, roles: Array<'admin' | 'editor'> = ['admin']) =>
    fetch(`${svc.ingest!.url}/v1/sources${path}`, {
      ...init,
      headers: { authorization: `Bearer ${editorToken(secrets, roles)}`, 'content-type': 'application/json' },
    });
  const submitWith = (key: string, story = aSubmission()) =>
    postAs(svc.ingest!.url, key, '/v1/submissions', 'application/json', JSON.stringify(story));
  const source = async (id: string) => (await (await admin(`/${id}`)).json()) as SourceReply;
  const pollWhen = (what: string, done: (s: SourceReply) => boolean, timeoutMs = 30_000) =>
    waitFor(
      async () => {
        const s = await source('herat-times');
        return done(s) ? s : undefined;
      },
      what,
      timeoutMs,
    );

  it('shows a new key once, stores it hashed, rotates and revokes it; a key submits only for its own source', async () => {
    expect((await admin('', { method: 'POST', body: JSON.stringify({ name: 'x' }) }, ['editor'])).status).toBe(403);
    const created = await admin('', {
      method: 'POST',
      body: JSON.stringify({ name: 'Kabul Wire', defaultCategory: 'World' }),
    });
    expect(created.status).toBe(201);
    const { source: s, apiKey } = (await created.json()) as {
      source: SourceReply;
      apiKey: { id: string; secret: string };
    };
    expect(s.id).toBe('kabul-wire');
    expect(JSON.stringify(await source('kabul-wire'))).not.toContain(apiKey.secret);
    const mine = await submitWith(apiKey.secret, { ...aSubmission(), category: undefined } as never);
    expect(mine.body.articleKey).toMatch(/^kabul-wire:/);
    // Another source's submission is unknown to this key.
    const theirs = await submitWith(secrets.sourceApiKey);
    const peek = await fetch(`${svc.ingest!.url}/v1/submissions/${theirs.body.id as string}`, {
      headers: { 'x-api-key': apiKey.secret },
    });
    expect(peek.status).toBe(404);
    const rotated = (await (await admin('/kabul-wire/keys', { method: 'POST' })).json()) as {
      apiKey: { secret: string };
    };
    expect((await submitWith(rotated.apiKey.secret)).status).toBe(202);
    expect((await admin(`/kabul-wire/keys/${apiKey.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await submitWith(apiKey.secret)).status).toBe(401);
    expect((await submitWith(rotated.apiKey.secret)).status).toBe(202);
    expect((await admin('/kabul-wire', { method: 'DELETE' })).status).toBe(204);
    expect((await submitWith(rotated.apiKey.secret)).status).toBe(401);
  });

  it('polls a feed with conditional GET, takes its items to drafts, and backs off on 500 and on a slow server', async () => {
    const created = await admin('', {
      method: 'POST',
      body: JSON.stringify({ name: 'Herat Times', feedUrl, pollIntervalSeconds: 5, defaultCategory: 'Afghanistan' }),
    });
    expect(created.status).toBe(201);
    const polled = await pollWhen('the first poll', (s) => s.lastPoll.status === 200);
    expect(polled.lastPoll.items).toMatchObject({ accepted: 3, rejected: 0 });
    const client = platformClient(svc, secrets);
    const drafts = await client.drafts(['herat-times:herattimes-20261130-0014']);
    expect(drafts.size).toBe(1);

    // Unchanged: the next poll sends the ETag back and gets a 304; nothing is submitted again.
    const notModified = await pollWhen('a 304 poll', (s) => s.lastPoll.status === 304, 30_000);
    expect(feed.requests.at(-1)).toMatchObject({
      ifNoneMatch: `"v${feed.body.length}"`,
      ifModifiedSince: 'Mon, 30 Nov 2026 04:00:00 GMT',
    });
    expect(notModified.lastPoll.items.accepted).toBe(3);

    feed.mode = 'error';
    const failed = await pollWhen('a failed poll', (s) => s.lastPoll.failures === 1, 30_000);
    expect(failed.lastPoll).toMatchObject({ status: 500, error: 'HTTP 500' });
    const wait = Date.parse(failed.lastPoll.nextAt!) - Date.parse(failed.lastPoll.at!);
    expect(wait).toBe(10_000);

    feed.mode = 'slow';
    const slow = await pollWhen('a timed-out poll', (s) => s.lastPoll.failures === 2, 40_000);
    expect(slow.lastPoll.error).toMatch(/no answer within 1500 ms/);
    expect(Date.parse(slow.lastPoll.nextAt!) - Date.parse(slow.lastPoll.at!)).toBe(20_000);
  }, 180_000);
});
