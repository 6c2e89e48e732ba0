import { Topics } from '@broadsheet/contracts';
import { Kafka, logLevel, Producer } from 'kafkajs';
import {
  aSubmission,
  balancedMarksOnly,
  editorToken,
  PlatformClient,
  PlatformSecrets,
  serviceNames,
  ServiceProcess,
  startPlatform,
  submissionMessage,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';

/** Markup a hostile source hides in text: encoded, double-encoded, raw, and disguised by a control character. */
const xss =
  '&lt;script&gt;alert(1)&lt;/script&gt;&amp;lt;img src=x onerror=alert(2)&amp;gt;' +
  '<script>alert(3)</script><img src=x onerror=alert(4)><scr\u0000ipt>alert(5)</script>';
/** The same, short enough for the fields limited to 100 characters. */
const xssShort = '&amp;lt;img src=x onerror=alert(2)&amp;gt;<scr\u0000ipt>alert(5)</script>';
const dari = 'بازار‌های کابل پس از سه هفته دوباره باز شدند'; // «بازار‌های» holds a ZWNJ (U+200C)

interface ErrorReply {
  error: { code: string; details: Array<{ path: string; message: string }> };
}
interface Hit {
  id: string;
  headline: string;
  summary?: string;
  categoryLabel: string;
  tags: string[];
  bylines: string[];
  highlights: { headline: string; summary?: string };
}

/** Every string in a JSON answer, with its path, for the fields that must hold text only. */
function textFields(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => textFields(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      // The body is sanitized HTML and highlights are HTML by contract; both are checked on their own.
      k === 'body' || k === 'highlights' ? [] : textFields(v, path ? `${path}.${k}` : k),
    );
  return [];
}

const unescapeHtml = (html: string) =>
  html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Hostile text in every field, from submission to every JSON answer a reader or an editor gets. */
describe('hostile text end to end', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let client: PlatformClient;
  let producer: Producer;

  beforeAll(async () => {
    ctx = testContext('hostile');
    ({ secrets, svc } = await startPlatform(ctx, serviceNames));
    client = new PlatformClient(
      { ingest: svc.ingest!.url, editorial: svc.editorial!.url, delivery: svc.delivery!.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
    producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const submit = (body: unknown) =>
    fetch(`${svc.ingest!.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey },
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });

  /** Submits, publishes, and returns the article as editorial and delivery answer it, and its search hit. */
  async function publishAndRead(story: ReturnType<typeof aSubmission>, query: string) {
    const { articleKey } = await client.submit(story);
    const draft = (await client.drafts([articleKey])).get(articleKey)!;
    const published = await client.act(draft.id, 'publish');
    expect(published.status).toBe(200);
    const editorialArticle = (await (await client.editorial(`/v1/articles/${draft.id}`)).json()) as Record<
      string,
      unknown
    >;
    const deliveryArticle = await waitFor(async () => {
      const r = await client.delivery(`/v1/articles/${draft.slug}`);
      return r.status === 200 ? ((await r.json()) as Record<string, unknown>) : undefined;
    }, 'the article at delivery');
    const hit = await waitFor(async () => {
      const r = await client.delivery(`/v1/search?q=${encodeURIComponent(query)}`);
      return ((await r.json()) as { hits: Hit[] }).hits.find((h) => h.id === draft.id);
    }, 'the article in search');
    return { editorialArticle, deliveryArticle, hit };
  }

  async function refusal(body: unknown): Promise<{ status: number; code: string; paths: string[] }> {
    const res = await submit(body);
    const reply = (await res.json()) as ErrorReply;
    return { status: res.status, code: reply.error?.code, paths: reply.error?.details.map((d) => d.path) };
  }

  it('never answers markup in a text field: editorial article, delivery article, search hit', async () => {
    const story = aSubmission({
      headline: `Quillback festival ${xss}`,
      summary: `Summary ${xss}`,
      body: '<p>Body text</p><script>alert(3)</script><img src=x onerror=alert(4)><scr\u0000ipt>alert(5)</script>',
      bylines: [`Mariam Ahmadi ${xssShort}`],
      category: `<b>Culture</b>${xssShort}`,
      tags: [`Music ${xssShort}`],
      images: [
        { url: 'https://example.org/a.jpg', alt: `Alt ${xss}`, caption: `Caption ${xss}`, credit: `AP ${xssShort}` },
      ],
    });
    const { editorialArticle, deliveryArticle, hit } = await publishAndRead(story, 'Quillback festival');
    for (const [where, answer] of Object.entries({ editorialArticle, deliveryArticle, hit })) {
      for (const [path, text] of textFields(answer))
        expect({ where, path, markup: /<\s*[a-z!/]|&(?:lt|gt|amp|#\d+);/i.test(text) }).toEqual({
          where,
          path,
          markup: false,
        });
      expect(JSON.stringify({ ...answer, body: undefined })).not.toMatch(/alert|onerror/);
    }
    expect(deliveryArticle).toMatchObject({
      headline: 'Quillback festival',
      summary: 'Summary',
      bylines: ['Mariam Ahmadi'],
      category: 'culture',
      categoryLabel: 'Culture',
      tags: ['music'],
      images: [{ url: 'https://example.org/a.jpg', alt: 'Alt', caption: 'Caption', credit: 'AP' }],
    });
    expect(deliveryArticle.body).toMatch(/^<p>Body text<\/p>/);
    expect(deliveryArticle.body).not.toMatch(/script|onerror|alert/i);
    expect(hit).toMatchObject({ headline: 'Quillback festival', categoryLabel: 'Culture', tags: ['music'] });
    expect(hit.highlights.headline).toBe('<mark>Quillback</mark> <mark>festival</mark>');
  });

  it('refuses fields with no text once cleaned with 400, naming each field', async () => {
    for (const empty of ['<b></b>', '&nbsp;', '<!-- x -->', '<script>x</script>', '&lt;b&gt;&lt;/b&gt;']) {
      expect(await refusal(aSubmission({ headline: empty }))).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['headline'],
      });
      expect((await refusal(aSubmission({ category: empty }))).paths).toEqual(['category']);
    }
    expect(await refusal(aSubmission({ body: '<p> </p><img src="https://example.org/a.jpg">' }))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['body'],
    });
  });

  it('refuses lone surrogates and invalid UTF-8 with 400, and over-long URLs', async () => {
    const json = JSON.stringify(aSubmission({ headline: 'SURROGATE' })).replace('SURROGATE', '\\ud800 budget');
    expect(await refusal(json)).toMatchObject({ status: 400, paths: ['headline'] });
    const [before, after] = JSON.stringify(aSubmission({ headline: 'BADBYTES' })).split('BADBYTES');
    const bytes = Buffer.concat([Buffer.from(before!), Buffer.from([0x4b, 0xff, 0xfe, 0x4b]), Buffer.from(after!)]);
    // Refused by the text rule (U+FFFD in headline) or, should the body parser check bytes first, as the body.
    const invalid = await refusal(bytes);
    expect({ status: invalid.status, code: invalid.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect([['headline'], ['(body)']]).toContainEqual(invalid.paths);
    const url = `https://example.org/${'a'.repeat(2_100)}`;
    expect((await refusal(aSubmission({ url, images: [{ url }] }))).paths).toEqual(['url', 'images.0.url']);
  });

  it('rejects the same stories from Kafka onto ingest.rejected.v1 with the field at fault', async () => {
    const rejected = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.IngestRejected}`);
    try {
      const markupOnly = aSubmission({ headline: '<b></b>&nbsp;' });
      const noBody = aSubmission({ body: '<script>alert(1)</script>' });
      await producer.send({
        topic: `${ctx.prefix}${Topics.IngestSubmissions}`,
        messages: [markupOnly, noBody].map((s) => ({ key: s.externalId, value: submissionMessage(s) })),
      });
      const reasons = new Map<string, string[]>();
      for (const m of await rejected.waitFor(2)) {
        const { data } = JSON.parse(m.value) as { data: { externalId: string; reasons: Array<{ path: string }> } };
        reasons.set(
          data.externalId,
          data.reasons.map((r) => r.path),
        );
      }
      expect(reasons.get(markupOnly.externalId)).toEqual(['headline']);
      expect(reasons.get(noBody.externalId)).toEqual(['body']);
    } finally {
      await rejected.close();
    }
  });

  it('delivers a Dari headline with its ZWNJ byte for byte, and drops control and bidi-override characters', async () => {
    const story = aSubmission({
      headline: dari,
      summary: 'Traders\u0007 returned \u202Egnidart\u202C to the \u2066old\u2069 bazaar\u0085',
      category: 'Business',
    });
    const { deliveryArticle, hit } = await publishAndRead(story, 'gnidart');
    expect(Buffer.from(deliveryArticle.headline as string)).toEqual(Buffer.from(dari));
    expect(Buffer.from(hit.headline)).toEqual(Buffer.from(dari));
    expect(deliveryArticle.summary).toBe('Traders returned gnidart to the old bazaar');
  });

  it('keeps search highlights balanced and escaped whatever the headline holds', async () => {
    const headline = 'Zephyrine < mark> budget </mark <mark>x \uE000\uE002 "quoted" & done';
    const story = aSubmission({ headline, summary: 'Zephyrine summary < mark>' });
    const { deliveryArticle, hit } = await publishAndRead(story, 'Zephyrine');
    expect(hit.headline).toBe(deliveryArticle.headline);
    for (const html of [hit.highlights.headline, hit.highlights.summary!]) {
      expect(balancedMarksOnly(html)).toBe(true);
      expect(html).toContain('<mark>Zephyrine</mark>');
    }
    // The highlight is the stored text, escaped, with marks added and nothing else.
    expect(unescapeHtml(hit.highlights.headline)).toBe(hit.headline);
    expect(unescapeHtml(hit.highlights.summary!)).toBe(hit.summary);
  });

  it('says in the OpenAPI documents that text fields are plain text', async () => {
    const ingestDoc = JSON.stringify(await (await fetch(`${svc.ingest!.url}/docs-json`)).json());
    expect(ingestDoc).toContain('Plain-text headline');
    const editorialDoc = JSON.stringify(await (await fetch(`${svc.editorial!.url}/docs-json`)).json());
    expect(editorialDoc).toContain('Headline, in plain text (no markup, no HTML escaping).');
    const deliveryDoc = JSON.stringify(await (await fetch(`${svc.delivery!.url}/docs-json`)).json());
    expect(deliveryDoc).toContain('balanced <mark>');
  });
});
