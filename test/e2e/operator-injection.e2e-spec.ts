import {
  editorToken,
  PlatformSecrets,
  ServiceName,
  serviceNames,
  ServiceProcess,
  startPlatform,
  testContext,
} from '@broadsheet/testing';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** A probe: one route, with one parameter or body field carrying a query operator instead of a value. */
interface Probe {
  service: ServiceName;
  method: string;
  path: string;
  where: string;
  url: string;
  body?: string;
  /**
   * The same request without the operator. The query parser is the flat one (`p[$ne]` is a key of its
   * own, never an object under `p`), so a bracketed operator must change nothing: same status as this.
   */
  baseline?: string;
}

const operators = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }];

/** Every query and path parameter and every JSON body field of a service, as its own document lists them. */
function probes(service: ServiceName, base: string, doc: Document): Probe[] {
  const found: Probe[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const concrete = path.replace(/\{[^}]+\}/g, 'x');
      for (const p of params.filter((q) => q.in === 'query')) {
        const url = `${base}${concrete}`;
        const bracketed = `${url}?${p.name}[$ne]=x&${p.name}[$gt]=`;
        found.push({ service, method, path, where: `query ${p.name}[$ne]`, url: bracketed, baseline: url });
        found.push({ service, method, path, where: `query ${p.name} twice`, url: `${url}?${p.name}=1&${p.name}=2` });
      }
      for (const p of params.filter((q) => q.in === 'path')) {
        const injected = path.replace(`{${p.name}}`, encodeURIComponent(JSON.stringify(operators[0])));
        found.push({
          service,
          method,
          path,
          where: `path ${p.name}`,
          url: `${base}${injected.replace(/\{[^}]+\}/g, 'x')}`,
        });
      }
      const fields = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
      for (const field of fields) {
        for (const operator of operators) {
          found.push({
            service,
            method,
            path,
            where: `body ${field}`,
            url: `${base}${concrete}`,
            body: JSON.stringify({ [field]: operator }),
          });
        }
      }
    }
  }
  return found;
}

/**
 * Query operators where values belong, in every parameter and body field every service documents:
 * each is refused as invalid input (400/404/405/413/415, the error shape), never a 2xx that ran the
 * operator as a query, never a 5xx. Runs with valid credentials so validation, not auth, answers.
 */
describe('operator injection in every parameter and body field', () => {
  let svc: Record<string, ServiceProcess>;
  let secrets: PlatformSecrets;

  beforeAll(async () => {
    const ctx = testContext('operators');
    ({ secrets, svc } = await startPlatform(ctx, serviceNames));
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  it.each(serviceNames)('%s refuses an operator in each of them', async (name) => {
    const base = svc[name]!.url;
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as Document;
    const list = probes(name, base, doc);
    const send = (probe: Probe, url: string): Promise<Response> =>
      fetch(url, {
        method: probe.method.toUpperCase(),
        headers: {
          authorization: `Bearer ${editorToken(secrets, ['editor', 'admin'])}`,
          'x-api-key': secrets.sourceApiKey,
          ...(probe.body ? { 'content-type': 'application/json' } : {}),
        },
        body: probe.body,
      });
    const answers = [];
    for (const probe of list) {
      const res = await send(probe, probe.url);
      const text = await res.text();
      const refused = res.status >= 400 && res.status < 500 && /"error":\{"code"/.test(text);
      const inert = probe.baseline !== undefined && res.status === (await send(probe, probe.baseline)).status;
      answers.push({ probe: `${probe.method} ${probe.path} ${probe.where}`, status: res.status, ok: refused || inert });
    }
    const wrong = answers.filter((a) => !a.ok);
    expect({ probes: answers.length, wrong }).toEqual({ probes: answers.length, wrong: [] });
    // Routes without parameters or bodies (health, metrics) give no probe; every other service has some.
    expect(answers.length).toBeGreaterThan(0);
  });
});
