import { Topics } from '@broadsheet/contracts';
import {
  aSubmission,
  createTopics,
  createTopicLimitedTo,
  editorToken,
  platformSecrets,
  PlatformSecrets,
  ServiceProcess,
  startServices,
  TestContext,
  testContext,
  waitFor,
} from '@broadsheet/testing';

/** A topic whose limit was set below the platform's (a misconfigured cluster): Kafka refuses ordinary stories. */
const misconfiguredLimit = 2_048;

interface Refused {
  documentId: string;
  topic: string;
  type: string;
  error: string;
  bytes: number;
}

/** What an operator sees when Kafka refuses an outbox event for good: an admin listing and a metric, no endless retries. */
describe('an event Kafka refuses for good, as an operator sees it', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let ingest: ServiceProcess;

  beforeAll(async () => {
    ctx = testContext('refusedops');
    await createTopicLimitedTo(ctx, Topics.ArticlesIngested, misconfiguredLimit);
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    ({ ingest } = (await startServices(['ingest'], ctx, secrets)) as { ingest: ServiceProcess });
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  const refused = async (token = editorToken(secrets, ['admin'])) =>
    fetch(`${ingest.url}/v1/admin/outbox/refused`, { headers: { authorization: `Bearer ${token}` } });

  it('lists the refused event at the admin route and counts it in /metrics', async () => {
    const story = aSubmission({ body: `<p>${'Long read. '.repeat(400)}</p>` });
    const res = await fetch(`${ingest.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey },
      body: JSON.stringify(story),
    });
    expect(res.status).toBe(202);

    const items = await waitFor(async () => {
      const list = (await (await refused()).json()) as { items: Refused[] };
      return list.items.length > 0 ? list.items : undefined;
    }, 'the refused event in the admin listing');
    expect(items).toEqual([
      expect.objectContaining({
        documentId: `wire:${story.externalId}`,
        topic: Topics.ArticlesIngested,
        type: 'article.ingested',
        error: expect.stringMatching(/^MESSAGE_TOO_LARGE/),
      }),
    ]);
    expect(items[0]!.bytes).toBeGreaterThan(misconfiguredLimit);
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(metrics).toContain(`outbox_events_refused_total{topic="${Topics.ArticlesIngested}"} 1`);
  });

  it('keeps the listing to admins', async () => {
    expect((await fetch(`${ingest.url}/v1/admin/outbox/refused`)).status).toBe(401);
    expect((await refused(editorToken(secrets, ['editor']))).status).toBe(403);
  });
});
