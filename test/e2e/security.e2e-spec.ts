import { Role, signToken } from '@broadsheet/auth';
import {
  aSubmission,
  createTopics,
  platformSecrets,
  PlatformSecrets,
  ServiceName,
  serviceNames,
  ServiceProcess,
  serviceEnv,
  TestContext,
  testContext,
} from '@broadsheet/testing';
import { randomBytes } from 'node:crypto';
import { docsAssets, inlineScripts } from './security/docs-assets';
import { guardedRoutes, GuardedRoute, rightRole, wrongRoles } from './security/routes';
import { forgedTokens } from './security/tokens';

/**
 * Security basics through the four running services: the role matrix on every editorial and admin route,
 * a source key that submits only as its own source, the Meilisearch master key in no answer and no log
 * line, and the security headers on every answer.
 */
describe('security basics', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  const agencyKey = randomBytes(24).toString('hex');

  beforeAll(async () => {
    ctx = testContext('security');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    // Debug logging, so "no secret in the logs" is checked against everything the services can say.
    const env = (name: ServiceName): Record<string, string> => ({
      ...serviceEnv(name, ctx, secrets),
      LOG_LEVEL: 'debug',
      ...(name === 'ingest' ? { SOURCE_API_KEYS: `wire:${secrets.sourceApiKey},agency:${agencyKey}` } : {}),
    });
    const started = await Promise.all(serviceNames.map((n) => ServiceProcess.start(n, env(n))));
    svc = Object.fromEntries(started.map((s) => [s.name, s]));
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const call = (route: GuardedRoute, authorization?: string): Promise<Response> =>
    fetch(`${svc[route.service]!.url}${route.path}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: route.method === 'POST' ? JSON.stringify(route.body ?? {}) : undefined,
    });
  const bearer = (roles: Role[]): string => `Bearer ${signToken(secrets.jwtSecret, { sub: 'tester', roles })}`;
  const name = (r: GuardedRoute): string => `${r.service} ${r.method} ${r.path}`;

  describe('role matrix', () => {
    it.each(guardedRoutes.map((r) => [name(r), r] as const))(
      '%s: 401 without a token or with a forged one',
      async (_, route) => {
        const answers: Record<string, number> = { 'no token': (await call(route)).status };
        answers['Basic scheme'] = (await call(route, `Basic ${Buffer.from('admin:admin').toString('base64')}`)).status;
        for (const [forgery, token] of Object.entries(forgedTokens(secrets.jwtSecret, ['admin'])))
          answers[forgery] = (await call(route, `Bearer ${token}`)).status;
        expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 401])));
      },
    );

    it.each(guardedRoutes.map((r) => [name(r), r] as const))(
      '%s: 403 to a wrong role, through to the route for the right one',
      async (_, route) => {
        for (const role of wrongRoles(route))
          expect({ role, status: (await call(route, bearer([role]))).status }).toEqual({ role, status: 403 });
        const status = (await call(route, bearer([rightRole(route)]))).status;
        expect(status === 401 || status === 403 || status >= 500).toBe(false);
      },
    );
  });

  describe('source keys', () => {
    const submit = (key: string | undefined, body: unknown): Promise<Response> =>
      fetch(`${svc.ingest!.url}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body: JSON.stringify(body),
      });

    it('files a story under the source whose key sent it, and refuses a body that names another', async () => {
      const story = aSubmission();
      const wire = await submit(secrets.sourceApiKey, story);
      const spoof = await submit(agencyKey, { ...story, source: 'wire', articleKey: `wire:${story.externalId}` });
      const agency = await submit(agencyKey, story);
      expect((await wire.json()) as object).toMatchObject({
        status: 'accepted',
        articleKey: `wire:${story.externalId}`,
      });
      // The source and key are the credential's, never the body's: a body naming them is refused by path.
      expect({ status: spoof.status, body: (await spoof.json()) as object }).toMatchObject({
        status: 400,
        body: { error: { details: [{ path: 'source' }, { path: 'articleKey' }] } },
      });
      // Same externalId and text from another source: a story of its own, never an update of wire's.
      expect((await agency.json()) as object).toMatchObject({
        status: 'accepted',
        articleKey: `agency:${story.externalId}`,
      });
    });

    it("shows a submission's status only to the source that sent it", async () => {
      const { id } = (await (await submit(agencyKey, aSubmission())).json()) as { id: string };
      const status = (key: string): Promise<number> =>
        fetch(`${svc.ingest!.url}/v1/submissions/${id}`, { headers: { 'x-api-key': key } }).then((r) => r.status);
      expect({ agency: await status(agencyKey), wire: await status(secrets.sourceApiKey) }).toEqual({
        agency: 200,
        wire: 404,
      });
    });

    it('refuses a missing or unknown key, and an editor token in its place', async () => {
      const story = aSubmission();
      expect((await submit(undefined, story)).status).toBe(401);
      expect((await submit(`${secrets.sourceApiKey}x`, story)).status).toBe(401);
      const withToken = await fetch(`${svc.ingest!.url}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(['admin']) },
        body: JSON.stringify(story),
      });
      expect(withToken.status).toBe(401);
    });
  });

  describe('the Meilisearch master key', () => {
    const deliveryPaths = [
      '/v1/articles',
      '/v1/articles/no-such-slug',
      '/v1/search?q=budget',
      '/v1/search?q=x&category=%22',
      '/v1/categories',
      '/docs',
      '/docs-json',
      '/metrics',
      '/health/ready',
      '/health/live',
      '/v1/admin/dlq',
      '/nowhere',
    ];

    it('is in no answer of delivery, errors included', async () => {
      for (const path of deliveryPaths) {
        const res = await fetch(`${svc.delivery!.url}${path}`);
        expect({ path, leaks: (await res.text()).includes(ctx.meiliMasterKey) }).toEqual({ path, leaks: false });
      }
    });

    it("is in no service's output, at debug level", () => {
      for (const s of Object.values(svc))
        expect({ service: s.name, leaks: s.output.join('').includes(ctx.meiliMasterKey) }).toEqual({
          service: s.name,
          leaks: false,
        });
    });
  });

  describe('security headers', () => {
    const paths = ['/health/live', '/metrics', '/docs-json', '/docs', '/nowhere', '/v1/admin/dlq'];
    const expectHeaders = (res: Response, where: string): void => {
      const h = (n: string): string | null => res.headers.get(n);
      expect({
        where,
        nosniff: h('x-content-type-options'),
        referrer: h('referrer-policy'),
        frame: h('x-frame-options'),
        corp: h('cross-origin-resource-policy'),
        poweredBy: h('x-powered-by'),
      }).toEqual({
        where,
        nosniff: 'nosniff',
        referrer: 'no-referrer',
        frame: 'DENY',
        corp: 'same-origin',
        poweredBy: null,
      });
      expect(h('content-security-policy')).toContain("frame-ancestors 'none'");
    };

    it.each(serviceNames.map((n) => [n]))('%s: on answers, errors and the docs', async (service) => {
      const base = svc[service]!.url;
      for (const path of paths) expectHeaders(await fetch(`${base}${path}`), `${service} ${path}`);
      const badJson = await fetch(`${base}/health/live`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a": tru',
      });
      expect(badJson.status).toBe(400);
      expectHeaders(badJson, `${service} malformed JSON`);
    });

    it.each(serviceNames.map((n) => [n]))(
      '%s: the Swagger UI still loads everything it needs under its policy',
      async (service) => {
        const page = await fetch(`${svc[service]!.url}/docs`);
        const html = await page.text();
        expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(inlineScripts(html)).toEqual([]);
        const assets = docsAssets(html, page.url);
        expect(assets.length).toBeGreaterThanOrEqual(3);
        for (const asset of assets) {
          expect(asset.origin).toBe(new URL(page.url).origin);
          expect({ asset: asset.pathname, status: (await fetch(asset)).status }).toEqual({
            asset: asset.pathname,
            status: 200,
          });
        }
      },
    );
  });
});
