import { signToken } from '@broadsheet/auth';
import { createMeili } from '@broadsheet/search';
import {
  aSubmission,
  createTopics,
  editorToken,
  PlatformClient,
  platformSecrets,
  PlatformSecrets,
  publishStories,
  ServiceName,
  serviceNames,
  ServiceProcess,
  serviceEnv,
  TestContext,
  testContext,
  waitFor,
} from '@broadsheet/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

const MINUTES = 60_000;
const root = path.resolve(__dirname, '../..');

/** The operator's routines on a running platform: the admin status, the read-model rebuild, key rotations. */
describe('operating a running platform', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  const svc = {} as Record<ServiceName, ServiceProcess>;
  let client: PlatformClient;
  let searchKey: string;
  const word = `zq${randomBytes(3).toString('hex')}`;
  const meili = () => createMeili(ctx.meiliUrl, ctx.meiliMasterKey);
  const newSearchKey = async () =>
    (await meili().createKey({ actions: ['search'], indexes: ['*'], expiresAt: null, description: 'delivery' })).key;
  const env = (name: ServiceName, extra: Record<string, string> = {}) => ({
    ...serviceEnv(name, ctx, secrets),
    ...(name === 'delivery' ? { MEILI_SEARCH_KEY: searchKey } : {}),
    SHUTDOWN_DRAIN_MS: '200',
    ...extra,
  });

  beforeAll(async () => {
    ctx = testContext('ops_admin');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    searchKey = await newSearchKey();
    const started = await Promise.allSettled(serviceNames.map((n) => ServiceProcess.start(n, env(n))));
    for (const s of started) if (s.status === 'fulfilled') svc[s.value.name] = s.value;
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    client = new PlatformClient(urls(), secrets.sourceApiKey, editorToken(secrets));
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc).map((s) => s.stop()));
  });

  const urls = () => ({ ingest: svc.ingest.url, editorial: svc.editorial.url, delivery: svc.delivery.url });

  async function restartDelivery(extra: Record<string, string>): Promise<void> {
    await svc.delivery.stop();
    svc.delivery = await ServiceProcess.start('delivery', env('delivery', extra));
    client = new PlatformClient(urls(), secrets.sourceApiKey, editorToken(secrets));
  }

  async function admin(...args: string[]): Promise<string> {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'tools/bin/run.js'), 'tools/admin/main.js', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          JWT_SECRET: secrets.jwtSecret,
          INGEST_URL: svc.ingest.url,
          EDITORIAL_URL: svc.editorial.url,
          SEARCH_INDEX_URL: svc['search-index'].url,
          DELIVERY_URL: svc.delivery.url,
        },
      },
    );
    return stdout;
  }

  const statusOf = (token: string) =>
    fetch(`${svc.delivery.url}/v1/admin/status`, { headers: { authorization: `Bearer ${token}` } });
  const adminToken = (secret: string) => signToken(secret, { sub: 'ops', roles: ['admin'] }, 300);

  it(
    'shows lag, backlog, dead letters, offsets and matching counts, then rebuilds delivery',
    async () => {
      const stories = Array.from({ length: 4 }, (_, i) => aSubmission({ headline: `Ops story ${word} ${i}` }));
      const drafts = await publishStories(client, stories, 2 * MINUTES);
      expect((await client.act(drafts[0]!.id, 'kill')).status).toBe(200);
      await waitFor(
        async () => ((await client.delivery(`/v1/articles/${drafts[0]!.slug}`)).status === 410 ? true : undefined),
        'the killed story to be gone',
      );

      const settled = await waitFor(
        async () => {
          const text = await admin('status');
          const ok = /Consumer lag \(total 0\)/.test(text) && /publishes 3, search shows 3: match/.test(text);
          if (!ok) throw new Error(text);
          return text;
        },
        'the platform to settle',
        2 * MINUTES,
        1_000,
      );
      for (const heading of ['Outbox backlog', 'Dead letters', 'Content log: last offset applied']) {
        expect(settled).toContain(heading);
      }
      expect(settled).toMatch(/articles\.content\.v1\.dlq\s+0/);

      const rebuilt = await admin('rebuild', 'delivery');
      expect(rebuilt).toMatch(/100% \d+\/\d+/);
      expect(rebuilt).toContain('done: 4 articles in the read model');
      expect((await client.delivery(`/v1/articles/${drafts[0]!.slug}`)).status).toBe(410);
      for (const d of drafts.slice(1)) expect((await client.delivery(`/v1/articles/${d.slug}`)).status).toBe(200);
      expect(await admin('status')).toMatch(/publishes 3, search shows 3: match/);
    },
    6 * MINUTES,
  );

  it(
    'runs one rebuild at a time, its progress readable from any replica',
    async () => {
      const token = adminToken(secrets.jwtSecret);
      const post = () =>
        fetch(`${svc.delivery.url}/v1/admin/rebuild`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
      const [first, second] = await Promise.all([post(), post()]);
      expect([first.status, second.status].sort()).toEqual([202, 409]);
      const started = (await (first.status === 202 ? first : second).json()) as { id: string };
      const other = await ServiceProcess.start('delivery', env('delivery'));
      try {
        const done = await waitFor(
          async () => {
            const res = await fetch(`${other.url}/v1/admin/rebuild/${started.id}`, {
              headers: { authorization: `Bearer ${token}` },
            });
            const progress = (await res.json()) as { state: string; articles: number };
            return progress.state === 'done' ? progress : undefined;
          },
          'the rebuild to finish',
          MINUTES,
        );
        expect(done.articles).toBe(4);
      } finally {
        await other.stop();
      }
      expect(
        (await fetch(`${svc.delivery.url}/v1/admin/rebuild/nope`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(404);
    },
    3 * MINUTES,
  );

  it(
    'accepts tokens of the previous JWT secret during a rotation, and only then',
    async () => {
      const previous = secrets.jwtSecret;
      const next = randomBytes(24).toString('hex');
      await restartDelivery({ JWT_SECRET: next, JWT_SECRET_PREVIOUS: previous });
      expect((await statusOf(adminToken(previous))).status).toBe(200);
      expect((await statusOf(adminToken(next))).status).toBe(200);
      expect((await statusOf(adminToken(randomBytes(24).toString('hex')))).status).toBe(401);

      await restartDelivery({ JWT_SECRET: next });
      expect((await statusOf(adminToken(previous))).status).toBe(401);
      expect((await statusOf(adminToken(next))).status).toBe(200);
    },
    3 * MINUTES,
  );

  it(
    'rotates the Meilisearch search key: a new key, a restart, the old key deleted',
    async () => {
      const old = searchKey;
      searchKey = await newSearchKey();
      await restartDelivery({});
      await meili().deleteKey(old);
      const found = await client.delivery(`/v1/search?q=${word}`);
      expect(found.status).toBe(200);
      expect(((await found.json()) as { totalHits: number }).totalHits).toBe(3);
      const withOld = await fetch(`${ctx.meiliUrl}/indexes/${ctx.prefix}articles/search?q=${word}`, {
        headers: { authorization: `Bearer ${old}` },
      });
      expect([401, 403]).toContain(withOld.status);
    },
    3 * MINUTES,
  );
});
