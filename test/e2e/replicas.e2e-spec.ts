import { Submission, Topics } from '@broadsheet/contracts';
import { mongo } from 'mongoose';
import {
  aSubmission,
  createTopics,
  Draft,
  editorToken,
  outboxesDrained,
  PlatformClient,
  platformSecrets,
  PlatformSecrets,
  ReadMessage,
  ServiceName,
  ServiceProcess,
  serviceEnv,
  TestContext,
  testContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';

const STORIES = 20;
/** What the store keeps for the relay, and Mongo's own keys: never part of an API reply. */
const STORAGE_FIELDS = ['outbox', 'outboxPending', 'outboxLeaseUntil', 'outboxLeaseOwner', '_id', '__v'];

type Answer = { status: number; body: { status?: string; error?: { code: string } } };

/**
 * Two processes of ingest and two of editorial on one store and one broker, as two replicas of each
 * run in production. The same action sent to both at once must win exactly once, and every event must
 * reach Kafka exactly once: the topics are read to their end offsets once the outboxes are empty.
 */
describe('two replicas of ingest and of editorial', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let ingest: ServiceProcess[] = [];
  let editorial: ServiceProcess[] = [];

  beforeAll(async () => {
    ctx = testContext('replicas');
    await createTopics(ctx);
    secrets = await platformSecrets(ctx);
    const start = (name: ServiceName) => ServiceProcess.start(name, serviceEnv(name, ctx, secrets));
    [ingest, editorial] = await Promise.all([
      Promise.all([start('ingest'), start('ingest')]),
      Promise.all([start('editorial'), start('editorial')]),
    ]);
  });

  afterAll(async () => {
    await Promise.all([...ingest, ...editorial].map((s) => s.stop()));
  });

  const submitTo = async (replica: ServiceProcess, story: Submission): Promise<Answer> => {
    const res = await fetch(`${replica.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.sourceApiKey },
      body: JSON.stringify(story),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const editorialAt = (replica: ServiceProcess, path: string, method = 'GET'): Promise<Response> =>
    fetch(`${replica.url}${path}`, { method, headers: { authorization: `Bearer ${editorToken(secrets)}` } });
  const actAt = async (replica: ServiceProcess, id: string, action: string): Promise<Answer> => {
    const res = await editorialAt(replica, `/v1/articles/${id}/${action}`, 'POST');
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  /** Sends the same request to both replicas at once. */
  const toBoth = <T>(replicas: ServiceProcess[], send: (r: ServiceProcess) => Promise<T>): Promise<T[]> =>
    Promise.all(replicas.map(send));

  it('lets one replica win each contended action and puts every event on Kafka once', async () => {
    const stories = Array.from({ length: STORIES }, () => aSubmission());
    const keys = stories.map((s) => `wire:${s.externalId}`);

    const firsts = await Promise.all(stories.map((s) => toBoth(ingest, (r) => submitTo(r, s))));
    for (const pair of firsts) expect(pair.map((a) => a.body.status).sort()).toEqual(['accepted', 'duplicate']);
    const changed = stories.map((s) => ({ ...s, headline: `${s.headline} (updated)` }));
    const seconds = await Promise.all(changed.map((s) => toBoth(ingest, (r) => submitTo(r, s))));
    for (const pair of seconds) expect(pair.map((a) => a.body.status).sort()).toEqual(['duplicate', 'updated']);

    const drafts = await refreshedDrafts(keys);
    for (const action of ['publish', 'unpublish', 'kill']) {
      const answers = await Promise.all(drafts.map((d) => toBoth(editorial, (r) => actAt(r, d.id, action))));
      for (const pair of answers) expect(pair.map((a) => a.status).sort()).toEqual([200, 409]);
    }

    await outboxesDrained(ctx.mongoUrl, `${ctx.prefix}ingest`, ['stories', 'submissions']);
    await outboxesDrained(ctx.mongoUrl, `${ctx.prefix}editorial`, ['articles']);
    const ingested = await readTopic(Topics.ArticlesIngested);
    for (const key of keys) expect(revisionsOf(ingested, key)).toEqual([1, 2]);
    const content = await readTopic(Topics.ArticlesContent);
    for (const draft of drafts) {
      expect(contentOf(content, draft.id)).toEqual([
        'article.published v1',
        'article.unpublished v2',
        'article.killed v3',
      ]);
    }
  });

  it('answers without storage fields, from either replica', async () => {
    const story = aSubmission();
    const submitted = await submitTo(ingest[0]!, story);
    const { id: submissionId } = submitted.body as { id: string };
    const [draft] = await refreshedDrafts([`wire:${story.externalId}`], story.headline);
    await actAt(editorial[1]!, draft!.id, 'publish');

    for (const replica of ingest) {
      const reply = await (await fetch(`${replica.url}/v1/submissions/${submissionId}`, { headers: apiKey() })).json();
      expect(reply).toMatchObject({ id: submissionId, status: 'accepted', articleKey: `wire:${story.externalId}` });
      expect(storageFieldsIn(reply)).toEqual([]);
    }
    for (const replica of editorial) {
      const article = await (await editorialAt(replica, `/v1/articles/${draft!.id}`)).json();
      expect(article).toMatchObject({ id: draft!.id, status: 'published', version: 1 });
      expect(storageFieldsIn(article)).toEqual([]);
      const list = (await (await editorialAt(replica, '/v1/articles?status=published')).json()) as { items: object[] };
      expect(list.items.length).toBeGreaterThan(0);
      for (const item of list.items) expect(storageFieldsIn(item)).toEqual([]);
    }
  });

  it("flags another replica's story as a possible duplicate, and so does a replica started after it", async () => {
    const text =
      'Heavy snow closed the Salang pass for a third day, leaving hundreds of lorries stranded on both sides ' +
      'of the tunnel while road crews worked through the night to clear avalanches near the northern entrance.';
    const story = (body: string) => aSubmission({ headline: 'Salang pass stays shut', body: `<p>${body}</p>` });
    const original = await submitTo(ingest[0]!, story(text));
    expect(original.status).toBe(202);
    const originalKey = (original.body as { articleKey: string }).articleKey;
    // Each process reads the others' fingerprints before a lookup, at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const duplicateOf = async (replica: ServiceProcess, body: string): Promise<string[]> => {
      const { id } = (await submitTo(replica, story(body))).body as { id: string };
      const record = (await (await fetch(`${replica.url}/v1/submissions/${id}`, { headers: apiKey() })).json()) as {
        possibleDuplicateOf?: Array<{ articleKey: string }>;
      };
      return (record.possibleDuplicateOf ?? []).map((d) => d.articleKey);
    };
    expect(await duplicateOf(ingest[1]!, text.replace('Heavy snow', 'Snow'))).toContain(originalKey);
    // A fingerprint as releases before packed signatures stored it: an array of numbers, with its bands.
    const legacyKey = await storeLegacyFingerprint(originalKey);
    // A process started now loads the recent fingerprints from the store, in either form.
    const late = await ServiceProcess.start('ingest', serviceEnv('ingest', ctx, secrets));
    try {
      expect(await duplicateOf(late, text.replace('for a third day', 'again'))).toEqual(
        expect.arrayContaining([originalKey, legacyKey]),
      );
    } finally {
      await late.stop();
    }
  });

  const apiKey = () => ({ 'x-api-key': secrets.sourceApiKey });

  /** Copies a story's fingerprint under a new key in the form earlier releases wrote; returns the key. */
  async function storeLegacyFingerprint(articleKey: string): Promise<string> {
    const client = await mongo.MongoClient.connect(ctx.mongoUrl);
    try {
      const fingerprints = client.db(`${ctx.prefix}ingest`).collection<{ _id: string }>('fingerprints');
      const doc = await fingerprints.findOne({ _id: articleKey });
      const bytes = Buffer.from((doc as unknown as { signature: mongo.Binary }).signature.buffer);
      const signature = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32LE(i * 4));
      const legacy = { _id: 'legacy:salang-pass', signature, bands: ['0:abc'], updatedAt: new Date() };
      await fingerprints.insertOne(legacy);
      return legacy._id;
    } finally {
      await client.close();
    }
  }

  /** The drafts of these stories once editorial holds their latest wire version (headline ending as given). */
  async function refreshedDrafts(articleKeys: string[], headlineEnd = '(updated)'): Promise<Draft[]> {
    const client = new PlatformClient(
      { ingest: ingest[0]!.url, editorial: editorial[0]!.url, delivery: '' },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
    return waitFor(async () => {
      const drafts = await client.drafts(articleKeys);
      const all = articleKeys.map((k) => drafts.get(k)! as Draft & { headline: string });
      return all.every((d) => d.headline.endsWith(headlineEnd)) ? all : undefined;
    }, 'the latest wire versions at editorial');
  }

  async function readTopic(topic: string): Promise<ReadMessage[]> {
    const reader = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${topic}`);
    try {
      return await reader.readToEnd();
    } finally {
      await reader.close();
    }
  }
});

function revisionsOf(messages: ReadMessage[], key: string): number[] {
  return messages
    .filter((m) => m.key === key)
    .map((m) => (JSON.parse(m.value) as { data: { revision: number } }).data.revision);
}

function contentOf(messages: ReadMessage[], id: string): string[] {
  return messages
    .filter((m) => m.key === id)
    .map((m) => JSON.parse(m.value) as { type: string; data: { version: number } })
    .map((e) => `${e.type} v${e.data.version}`);
}

function storageFieldsIn(reply: unknown): string[] {
  return Object.keys(reply as object).filter((k) => STORAGE_FIELDS.includes(k));
}
