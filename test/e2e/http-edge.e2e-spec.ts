import { ErrorCode } from '@broadsheet/contracts';
import { rawRequest, RawResponse, serviceNames, ServiceProcess, startPlatform, testContext } from '@broadsheet/testing';

/** A request body under a header block; POST to a route that takes none: the body is read before any routing or auth. */
const post = (headers: string, body: string) =>
  `POST /health/live HTTP/1.1\r\nHost: localhost\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n` +
  `Connection: close\r\n\r\n${body}`;
const get = (target: string, headers = '') => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`;
/** Appears in a malformed body: an answer must never quote it back. */
const canary = 'leak-canary-4f1c';

interface Case {
  name: string;
  request: string;
  status: number;
  code: ErrorCode;
  /** The field the first detail names, where the answer names one. */
  path?: string;
}

const cases: Case[] = [
  {
    name: 'a path whose percent-escapes are not UTF-8',
    request: get(`/v1/articles/%FF${canary}`),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'path',
  },
  {
    name: 'a query whose percent-escapes are not UTF-8',
    request: get(`/v1/articles?${canary}=%ED%A0%80`),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'query',
  },
  {
    name: 'a charset the body parser does not support',
    request: post('Content-Type: application/json; charset=utf-7\r\n', '{}'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    path: 'content-type',
  },
  {
    name: 'an unknown Content-Encoding',
    request: post('Content-Type: application/json\r\nContent-Encoding: x-foo\r\n', '{}'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    path: 'content-encoding',
  },
  {
    name: 'a br body that is not brotli',
    request: post('Content-Type: application/json\r\nContent-Encoding: br\r\n', `{"${canary}": 1}`),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'body',
  },
  {
    name: 'malformed JSON',
    request: post('Content-Type: application/json\r\n', `{"${canary}": tru`),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'body',
  },
  {
    name: 'a body over the size limit',
    // Over every service's limit (ingest's is the largest, 1 MB); sent whole, as the parser drains it before answering.
    request: post('Content-Type: application/json\r\n', JSON.stringify({ body: 'x'.repeat(1_500_000) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    path: 'body',
  },
  {
    name: 'a malformed request line',
    request: 'GET /health/live HTTQ/1.1\r\nHost: localhost\r\n\r\n',
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'request-line',
  },
  {
    name: 'an invalid method',
    request: 'G(T /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n',
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'request-line',
  },
  {
    name: 'a control character in a header value',
    request: get('/health/live', 'X-Note: a\x01b\r\n'),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'headers',
  },
  {
    name: 'a control character in a header name',
    request: get('/health/live', 'X-N\x07ote: ab\r\n'),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'headers',
  },
  {
    name: 'an over-long URL',
    request: get(`/health/live?q=${'a'.repeat(20_000)}`),
    status: 414,
    code: 'URI_TOO_LONG',
    path: 'url',
  },
  {
    name: 'over-large headers',
    request: get('/health/live', `X-Big: ${'a'.repeat(20_000)}\r\n`),
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    path: 'headers',
  },
];

/** Requests the HTTP layer refuses before any route or auth: every service answers each with a 4xx in the error shape. */
describe('the HTTP layer of every service', () => {
  let svc: Record<string, ServiceProcess>;

  beforeAll(async () => {
    const ctx = testContext('httpedge');
    ({ svc } = await startPlatform(ctx, serviceNames));
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const table = serviceNames.flatMap((service) => cases.map((c) => ({ service, ...c })));

  it.each(table)('$service answers $name with $status $code', async ({ service, request, status, code, path }) => {
    const res: RawResponse = await rawRequest(svc[service]!.url, request);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as {
      error: {
        code: string;
        message: string;
        details: Array<{ path: string; message: string }>;
        correlationId: string;
      };
    };
    expect(body.error).toEqual({
      code,
      message: expect.any(String),
      details: path ? [expect.objectContaining({ path, message: expect.any(String) })] : expect.any(Array),
      correlationId: expect.stringMatching(/\S/),
    });
    expect(res.body).not.toContain(canary);
  });

  it('says malformed JSON is not valid JSON, in the designed words', async () => {
    const res = await rawRequest(svc.ingest!.url, cases.find((c) => c.name === 'malformed JSON')!.request);
    expect((JSON.parse(res.body) as { error: { message: string } }).error.message).toBe('the body is not valid JSON');
  });
});
