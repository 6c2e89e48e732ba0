import {
  PlatformSecrets,
  serviceNames,
  ServiceProcess,
  startPlatform,
  testContext,
  waitFor,
} from '@broadsheet/testing';
import { ingestFixture, platformClient, postAs, registerSource } from './ingest-client';

/**
 * What ingest marks on a story, as the desk and readers see it. Editorial's side (a flash kept as a
 * flash draft, possible duplicates shown on the draft, auto-publishing) is issue 7's work: these pass
 * once it is merged. Ingest's side of the same fields is checked on the topic in ingest-formats.
 */
describe('ingest marks reach the desk and readers', () => {
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;

  beforeAll(async () => {
    ({ secrets, svc } = await startPlatform(testContext('ingest-desk'), serviceNames));
  });

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  const client = () => platformClient(svc, secrets);
  const draftOf = async (key: string) => {
    const d = (await client().drafts([key])).get(key)!;
    return (await (await client().editorial(`/v1/articles/${d.id}`)).json()) as Record<string, unknown>;
  };
  const newSource = (body: object) => registerSource(svc.ingest!.url, secrets, body);

  it('keeps an agency flash as a draft marked flash', async () => {
    const flash = await postAs(
      svc.ingest!.url,
      secrets.sourceApiKey,
      '/v1/submissions',
      'application/ninjs+json',
      ingestFixture('ninjs-flash.json'),
    );
    const draft = await draftOf(flash.body.articleKey as string);
    expect(draft).toMatchObject({
      status: 'draft',
      flash: true,
      headline: 'FLASH: Magnitude 6.1 earthquake strikes Badakhshan - USGS',
    });
  });

  it('shows on the second agency’s draft the first agency’s story it nearly repeats', async () => {
    const first = await postAs(
      svc.ingest!.url,
      secrets.sourceApiKey,
      '/v1/submissions',
      'application/ninjs+json',
      ingestFixture('ninjs-2.json'),
    );
    const other = await newSource({ name: 'Second Wire' });
    const rewrite = {
      externalId: 'sw-salang-1',
      headline: 'Salang tunnel stays shut by snow for second day',
      body: '<p>Heavy snow kept the Salang tunnel closed for a second day on Monday, stranding hundreds of vehicles.</p><p>Officials said ploughs would work through the night and the road could reopen on Tuesday.</p>',
    };
    const second = await postAs(svc.ingest!.url, other, '/v1/submissions', 'application/json', JSON.stringify(rewrite));
    const draft = await draftOf(second.body.articleKey as string);
    expect(draft.possibleDuplicateOf).toEqual([{ articleKey: first.body.articleKey, similarity: expect.any(Number) }]);
  });

  it('publishes an autoPublish source’s story to delivery and search with no person touching it', async () => {
    const key = await newSource({ name: 'Trusted Wire', autoPublish: true, defaultCategory: 'World' });
    const story = {
      externalId: 'tw-1',
      headline: 'Qarqeen carpet weavers win a national prize',
      body: '<p>The weavers of Qarqeen won the prize.</p>',
    };
    expect(
      (await postAs(svc.ingest!.url, key, '/v1/submissions', 'application/json', JSON.stringify(story))).status,
    ).toBe(202);
    const found = await waitFor(
      async () => {
        const ids = await client().searchIds('Qarqeen carpet');
        return ids.length > 0 ? ids : undefined;
      },
      'the auto-published story in search',
      60_000,
    );
    expect(found).toHaveLength(1);
    const latest = (await (await client().delivery('/v1/articles?category=world')).json()) as {
      items: Array<{ headline: string }>;
    };
    expect(latest.items.map((a) => a.headline)).toContain(story.headline);
  });
});
