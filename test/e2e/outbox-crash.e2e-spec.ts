import { Topics } from '@broadsheet/contracts';
import {
  aSubmission,
  createTopics,
  Draft,
  editorialOutboxDrained,
  editorToken,
  PlatformClient,
  platformSecrets,
  PlatformSecrets,
  PrivateStack,
  privateStack,
  ServiceProcess,
  serviceEnv,
  startServices,
  testContext,
  TopicReader,
} from '@broadsheet/testing';

/**
 * Editorial dies between its Mongo write and the Kafka publish: the broker is down when the publish
 * is written, so its relay cannot send, and the test kills the process. The event must still go out,
 * exactly once, from the restarted process.
 */
describe('outbox across a crash', () => {
  let stack: PrivateStack;
  let secrets: PlatformSecrets;
  const running: ServiceProcess[] = [];
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    stack = await privateStack(testContext('crash'), ['kafka']);
    await createTopics(stack.ctx);
    secrets = await platformSecrets(stack.ctx);
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await reader?.close();
    await stack?.stop();
  });

  const start = async (name: 'ingest' | 'editorial'): Promise<ServiceProcess> => {
    const service = await ServiceProcess.start(name, serviceEnv(name, stack.ctx, secrets));
    running.push(service);
    return service;
  };
  const contentTopic = (): string => `${stack.ctx.prefix}${Topics.ArticlesContent}`;

  it('publishes the event after restart, exactly once', async () => {
    const { ingest } = await startServices(['ingest'], stack.ctx, secrets);
    running.push(ingest!);
    const doomed = await start('editorial');
    const client = new PlatformClient(
      { ingest: ingest!.url, editorial: doomed.url, delivery: '' },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
    const story = aSubmission();
    const { articleKey } = await client.submit(story);
    const draft: Draft = (await client.drafts([articleKey])).get(articleKey)!;

    await stack.dependency('kafka').stop();
    expect((await client.act(draft.id, 'publish')).status).toBe(200);
    await doomed.stop('SIGKILL');
    await stack.dependency('kafka').start();

    // With the broker back and the crashed process gone, the topic holds no event of the article.
    reader = await TopicReader.open(stack.ctx.kafkaBrokers, contentTopic());
    expect((await reader.readToEnd()).filter((m) => m.key === draft.id)).toHaveLength(0);

    const restarted = await start('editorial');
    const [event] = await reader.waitFor(1, (m) => m.key === draft.id);
    expect(JSON.parse(event!.value)).toMatchObject({
      type: 'article.published',
      subject: draft.id,
      data: { version: 1 },
    });
    const article = (await (
      await fetch(`${restarted.url}/v1/articles/${draft.id}`, {
        headers: { authorization: `Bearer ${editorToken(secrets)}` },
      })
    ).json()) as { status: string };
    expect(article.status).toBe('published');

    // Once the outbox is empty the relay has nothing left to send: the topic holds the event once.
    await editorialOutboxDrained(stack.ctx, draft.id);
    expect((await reader.readToEnd()).filter((m) => m.key === draft.id)).toHaveLength(1);
  });
});
