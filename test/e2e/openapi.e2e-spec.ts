import { serviceNames, ServiceProcess, startPlatform, testContext } from '@broadsheet/testing';

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: object;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, object> };
}

const methods = ['get', 'put', 'post', 'delete', 'patch'];
const errorRef = '#/components/schemas/Error';

/** What is wrong with one operation's documentation; empty when nothing is. */
function problems(path: string, op: Operation): string[] {
  const found: string[] = [];
  const params = op.parameters ?? [];
  for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
    if (!params.some((p) => p.in === 'path' && p.name === name)) found.push(`path parameter ${name} undocumented`);
  for (const p of params) if (!p.description) found.push(`${p.in} parameter ${p.name} has no description`);
  if (op.requestBody && !op.requestBody.content?.['application/json']?.schema) found.push('body without a schema');
  for (const status of ['400', '405', '500']) if (!op.responses[status]) found.push(`no ${status} response`);
  for (const [status, res] of Object.entries(op.responses)) {
    if (!res.description) found.push(`${status} has no description`);
    const readiness = path === '/health/ready' && status === '503'; // the readiness body, naming each check
    if (Number(status) >= 400 && !readiness && res.content?.['application/json']?.schema?.$ref !== errorRef)
      found.push(`${status} is not the error shape`);
  }
  return found;
}

/** Every service's OpenAPI document covers each route whole, and a wrong method is 405 with Allow. */
describe('the OpenAPI documents', () => {
  let svc: Record<string, ServiceProcess>;
  const docs: Record<string, Document> = {};

  beforeAll(async () => {
    const ctx = testContext('openapi');
    ({ svc } = await startPlatform(ctx, serviceNames));
    for (const name of serviceNames)
      docs[name] = (await (await fetch(`${svc[name]!.url}/docs-json`)).json()) as Document;
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  it.each(serviceNames)('%s documents every route with its parameters and error answers', (name) => {
    const doc = docs[name]!;
    expect(doc.components?.schemas?.Error).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
    const report = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => methods.includes(method))
        .flatMap(([method, op]) => problems(path, op).map((p) => `${method.toUpperCase()} ${path}: ${p}`)),
    );
    expect(report).toEqual([]);
  });

  it.each(serviceNames)(
    '%s answers a method a path does not take with 405, Allow and the error shape',
    async (name) => {
      for (const [path, ops] of Object.entries(docs[name]!.paths)) {
        const declared = Object.keys(ops).filter((m) => methods.includes(m));
        const wrong = methods.find((m) => !declared.includes(m))!;
        const url = `${svc[name]!.url}${path.replace(/\{\w+\}/g, 'x')}`;
        const res = await fetch(url, { method: wrong.toUpperCase() });
        expect({ path, wrong, status: res.status }).toEqual({ path, wrong, status: 405 });
        // The same methods as the document declares, in whatever order it lists them.
        expect(res.headers.get('allow')?.split(', ').sort()).toEqual(declared.map((m) => m.toUpperCase()).sort());
        const body = (await res.json()) as { error: { code: string; correlationId: string } };
        expect(body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', correlationId: expect.any(String) });
      }
    },
  );

  it('documents the blank-string rule delivery enforces: a tag must keep some text once trimmed', async () => {
    const tag = docs.delivery!.paths['/v1/articles']!.get!.parameters!.find((p) => p.name === 'tag')!;
    const { pattern } = tag.schema as { pattern: string };
    expect(new RegExp(pattern).test(' \u00a0\u3000\ufeff ')).toBe(false);
    expect(new RegExp(pattern).test(' x ')).toBe(true);
    const res = await fetch(`${svc.delivery!.url}/v1/articles?tag=%20%20`);
    expect(res.status).toBe(400);
  });
});
