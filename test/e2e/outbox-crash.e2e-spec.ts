import { Topics } from '@broadsheet/contracts';
import {
  aSubmission,
  createTopics,
  editorToken,
  platformSecrets,
  PlatformSecrets,
  ServiceProcess,
  serviceEnv,
  startServices,
  TestContext,
  testContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';

/** The editorial process dies between its Mongo write and the Kafka publish; the event must still go out, once. */
describe('outbox across a crash', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  const running: ServiceProcess[] = [];
  let reader: TopicReader;

  beforeAll(async () => {
    ctx = testContext('crash');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    reader = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesContent}`);
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await reader?.close();
  });

  it('publishes the event after restart, exactly once', async () => {
    const { ingest } = await startServices(['ingest'], ctx, secrets);
    running.push(ingest!);
    const faulty = await ServiceProcess.start('editorial', {
      ...serviceEnv('editorial', ctx, secrets),
      FAULT_EXIT_AFTER_OUTBOX_WRITE: 'true',
    });
    running.push(faulty);
    const auth = { authorization: `Bearer ${editorToken(secrets)}` };

    const story = aSubmission();
    await fetch(`${ingest!.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey },
      body: JSON.stringify(story),
    });
    const draft = await waitFor(async () => {
      const { items } = (await (await fetch(`${faulty.url}/v1/articles?status=draft`, { headers: auth })).json()) as {
        items: Array<{ id: string; articleKey: string }>;
      };
      return items.find((a) => a.articleKey === `wire:${story.externalId}`);
    }, 'the draft');

    await expect(
      fetch(`${faulty.url}/v1/articles/${draft.id}/publish`, { method: 'POST', headers: auth }),
    ).rejects.toThrow();
    expect(await faulty.waitExit()).toBe(-1);
    expect(reader.messages.filter((m) => m.key === draft.id)).toHaveLength(0);

    const restarted = await ServiceProcess.start('editorial', serviceEnv('editorial', ctx, secrets));
    running.push(restarted);
    const [event] = await reader.waitFor(1, (m) => m.key === draft.id);
    expect(JSON.parse(event!.value)).toMatchObject({
      type: 'article.published',
      subject: draft.id,
      data: { version: 1 },
    });
    const article = (await (await fetch(`${restarted.url}/v1/articles/${draft.id}`, { headers: auth })).json()) as {
      status: string;
    };
    expect(article.status).toBe('published');

    // Several relay polls later there is still one event: it was published once, not once per poll.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(reader.messages.filter((m) => m.key === draft.id)).toHaveLength(1);
  });
});
