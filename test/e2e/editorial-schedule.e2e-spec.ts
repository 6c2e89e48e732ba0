import { signToken } from '@broadsheet/auth';
import { Topics } from '@broadsheet/contracts';
import {
  createTopics,
  outboxesDrained,
  platformSecrets,
  PlatformSecrets,
  ServiceProcess,
  serviceEnv,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';

const STORIES = 50;

/**
 * Scheduling through two running editorial processes on one store: schedules live in the store and
 * survive a restart, each scheduled story is published exactly once, and an embargo holds.
 */
describe('scheduled publication', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let editorial: ServiceProcess[] = [];
  let content: TopicReader;

  const start = (): Promise<ServiceProcess> => ServiceProcess.start('editorial', serviceEnv('editorial', ctx, secrets));

  beforeAll(async () => {
    ctx = testContext('schedule');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    editorial = await Promise.all([start(), start()]);
    content = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${Topics.ArticlesContent}`);
  });

  afterAll(async () => {
    await content?.close();
    await Promise.all(editorial.map((s) => s.stop()));
  });

  const call = async (replica: ServiceProcess, path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${replica.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${signToken(secrets.jwtSecret, { sub: 'scheduler-test', roles: ['editor'] })}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string } };
  };
  const write = async (headline: string): Promise<string> =>
    (await call(editorial[0]!, '/v1/articles', 'POST', { headline, body: '<p>Text.</p>', category: 'News' })).body.id;
  const statusOf = async (id: string): Promise<unknown> =>
    (await call(editorial[0]!, `/v1/articles/${id}`)).body.status;

  it(`publishes ${STORIES} stories scheduled for the same second exactly once, with two processes`, async () => {
    const ids = await Promise.all(Array.from({ length: STORIES }, (_, i) => write(`Scheduled story ${i}`)));
    // Far enough ahead that all fifty are scheduled before it comes, even on a loaded machine.
    const second = new Date(Math.ceil((Date.now() + 15_000) / 1000) * 1000);
    // Any offset is accepted: the same instant written in Kabul time.
    const kabul = new Date(second.getTime() + 4.5 * 3600_000).toISOString().replace('Z', '+04:30');
    for (const [i, id] of ids.entries()) {
      const res = await call(editorial[i % 2]!, `/v1/articles/${id}/publish`, 'POST', { publishAt: kabul });
      expect(res.body).toMatchObject({ status: 'scheduled', publishAt: second.toISOString() });
    }
    await waitFor(
      async () => ((await Promise.all(ids.map(statusOf))).every((s) => s === 'published') ? true : undefined),
      'every scheduled story published',
      60_000,
    );
    await outboxesDrained(ctx.mongoUrl, `${ctx.prefix}editorial`, ['articles']);
    const published = (await content.readToEnd()).filter((m) => m.key && ids.includes(m.key));
    expect(published).toHaveLength(STORIES);
    expect(new Set(published.map((m) => m.key)).size).toBe(STORIES);
    const audit = (await call(editorial[1]!, `/v1/articles/${ids[0]}/audit`)).body.items as Array<{
      actor: string;
      action: string;
    }>;
    expect(audit.at(-1)).toMatchObject({ actor: 'scheduler', action: 'scheduled-publish' });
  });

  it('fires a schedule after editorial restarts', async () => {
    const id = await write('Published after a restart');
    const at = new Date(Date.now() + 12_000);
    expect(
      (await call(editorial[0]!, `/v1/articles/${id}/publish`, 'POST', { publishAt: at.toISOString() })).body.status,
    ).toBe('scheduled');
    await Promise.all(editorial.map((s) => s.stop()));
    editorial = [await start()];
    await waitFor(
      async () => ((await statusOf(id)) === 'published' ? true : undefined),
      'the schedule to fire',
      30_000,
    );
    await content.waitFor(1, (m) => m.key === id);
    editorial.push(await start());
  });

  it('holds an embargoed story even when an editor presses publish, and releases it when the embargo ends', async () => {
    const id = await write('Embargoed report');
    const until = new Date(Date.now() + 12_000);
    const held = await call(editorial[0]!, `/v1/articles/${id}/publish`, 'POST', { embargoUntil: until.toISOString() });
    expect(held.body).toMatchObject({ status: 'scheduled', embargoUntil: until.toISOString() });
    const pressed = await call(editorial[1]!, `/v1/articles/${id}/publish`, 'POST');
    expect(pressed.body).toMatchObject({ status: 'scheduled', publishAt: until.toISOString() });
    expect(await statusOf(id)).toBe('scheduled');
    expect(content.messages.some((m) => m.key === id)).toBe(false);
    await waitFor(async () => ((await statusOf(id)) === 'published' ? true : undefined), 'the embargo to end', 30_000);
    const [event] = await content.waitFor(1, (m) => m.key === id);
    expect(new Date((JSON.parse(event!.value) as { time: string }).time).getTime()).toBeGreaterThanOrEqual(
      until.getTime(),
    );
  });
});
