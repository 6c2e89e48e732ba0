import { MAX_EVENT_BYTES, Topics } from '@broadsheet/contracts';
import {
  aSubmission,
  createTopics,
  editorToken,
  PlatformClient,
  platformSecrets,
  PlatformSecrets,
  ServiceProcess,
  startServices,
  submissionMessage,
  TestContext,
  testContext,
  TopicReader,
} from '@broadsheet/testing';
import { Kafka, logLevel } from 'kafkajs';

/**
 * A body of `n` ampersands: one character each as sent (the schema counts 200,000 at most), five bytes
 * each once cleaned (`&amp;`), so a story within every limit on what is sent grows past the event limit.
 */
const ampersands = (n: number): string => `<p>${'&'.repeat(n)}</p>`;
/** About 1.1 × MAX_EVENT_BYTES once cleaned; 198,007 characters as sent. */
const tooBigOnceCleaned = ampersands(198_000);
/** About 0.96 × MAX_EVENT_BYTES once cleaned, event and all: still deliverable. */
const justUnder = ampersands(Math.floor((MAX_EVENT_BYTES * 0.96) / 5));

interface ErrorReply {
  error: { code: string; message: string; details: Array<{ path: string; message: string }>; correlationId: string };
}

/** "Accepted" means deliverable: size limits hold for the event ingest will send, after cleaning. */
describe('only deliverable stories are accepted', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let ingested: TopicReader;

  beforeAll(async () => {
    ctx = testContext('deliverable');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    svc = await startServices(['ingest', 'editorial'], ctx, secrets);
    ingested = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesIngested}`);
  });

  afterAll(async () => {
    await ingested?.close();
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const client = (): PlatformClient =>
    new PlatformClient(
      { ingest: svc.ingest!.url, editorial: svc.editorial!.url, delivery: svc.ingest!.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
  const submit = (story: object) =>
    fetch(`${svc.ingest!.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey },
      body: JSON.stringify(story),
    });

  it('answers 413 naming body for a story whose event would be too large once cleaned, and sends nothing', async () => {
    const over = aSubmission({ body: tooBigOnceCleaned });
    const refused = await submit(over);
    expect(refused.status).toBe(413);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const reply = (await refused.json()) as ErrorReply;
    expect(reply.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ path: 'body' }] });
    expect(reply.error.correlationId).toEqual(expect.any(String));

    // A deliverable story sent after it arrives at editorial; the refused one never reached Kafka.
    const under = aSubmission({ body: justUnder });
    const accepted = await submit(under);
    expect(accepted.status).toBe(202);
    const drafts = await client().drafts([`wire:${under.externalId}`]);
    expect(drafts.get(`wire:${under.externalId}`)?.status).toBe('draft');
    const keys = (await ingested.readToEnd()).map((m) => m.key);
    expect(keys).toContain(`wire:${under.externalId}`);
    expect(keys).not.toContain(`wire:${over.externalId}`);
  });

  it('rejects the same story from Kafka onto ingest.rejected.v1, naming body', async () => {
    const rejected = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.IngestRejected}`);
    const producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      const over = aSubmission({ body: tooBigOnceCleaned });
      await producer.send({
        topic: `${ctx.prefix}${Topics.IngestSubmissions}`,
        messages: [{ key: over.externalId, value: submissionMessage(over) }],
      });
      const [event] = await rejected.waitFor(1);
      const data = (JSON.parse(event!.value) as { data: { externalId: string; reasons: Array<{ path: string }> } })
        .data;
      expect(data).toMatchObject({ externalId: over.externalId, reasons: [{ path: 'body' }] });
      expect((await ingested.readToEnd()).map((m) => m.key)).not.toContain(`wire:${over.externalId}`);
    } finally {
      await producer.disconnect();
      await rejected.close();
    }
  });
});
