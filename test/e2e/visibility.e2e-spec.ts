import { slugify } from '@broadsheet/contracts';
import { articleIndexName, createMeili } from '@broadsheet/search';
import {
  editorToken,
  PlatformClient,
  PlatformSecrets,
  serviceNames,
  ServiceProcess,
  startPlatform,
  testContext,
  TestContext,
  waitFor,
} from '@broadsheet/testing';
import { createSweepStories, isPublished, SweepStory, sweepLabels, wordsOf } from './visibility/stories';
import { listAll, searchAll, Seen } from './visibility/surfaces';

/**
 * The visibility sweep: a story in every state the platform has today (draft, in review, published,
 * unpublished, killed after publication, killed as a draft; scheduled and embargoed do not exist yet, see
 * visibility/stories.ts), each with its own marker words in headline, summary, body and a tag, against
 * every reader surface that exists: delivery's `/v1/articles` (every page, each category and tag),
 * `/v1/articles/:slug`, `/v1/search` (each marker, with category and tag filters), `/v1/categories`,
 * and Meilisearch itself with the search-only key readers' tools could hold; and the index's stored
 * documents read with the master key. Only published stories appear; a hidden story's words appear
 * nowhere. Reader pages (`/`, `/articles/:slug`, `/search`, `/category/:slug`), feeds (`/feeds/*`),
 * `/v1/trending` and the sitemaps do not exist yet: each joins this sweep when it lands.
 */
describe('visibility sweep: only published stories reach readers', () => {
  let ctx: TestContext;
  let secrets: PlatformSecrets;
  let svc: Record<string, ServiceProcess>;
  let client: PlatformClient;
  let stories: SweepStory[];
  const labels = sweepLabels();
  const published = (): SweepStory[] => stories.filter(isPublished);
  const hidden = (): SweepStory[] => stories.filter((s) => !isPublished(s));
  const idsOf = (list: SweepStory[]): string[] => list.map((s) => s.draft.id).sort();
  /** The surface shows exactly these of the sweep's stories, and no hidden story's words. */
  const expectShows = (seen: Seen, expected: SweepStory[]): void => {
    expect(seen.ids.filter((id) => stories.some((s) => s.draft.id === id)).sort()).toEqual(idsOf(expected));
    for (const s of hidden()) for (const word of wordsOf(s)) expect(seen.text).not.toContain(word);
  };

  beforeAll(async () => {
    ctx = testContext('visibility');
    ({ secrets, svc } = await startPlatform(ctx, serviceNames));
    client = new PlatformClient(
      { ingest: svc.ingest!.url, editorial: svc.editorial!.url, delivery: svc.delivery!.url },
      secrets.sourceApiKey,
      editorToken(secrets),
    );
    stories = await createSweepStories(client, labels);
    await settled();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  /** Waits until delivery and search answer for the last action on every story (each slug's final status). */
  async function settled(): Promise<void> {
    for (const s of stories) {
      const want = slugStatus(s);
      await waitFor(
        async () => ((await client.delivery(`/v1/articles/${s.draft.slug}`)).status === want ? true : undefined),
        `${s.state} story answering ${want} at delivery`,
        60_000,
      );
      await waitFor(
        async () =>
          (await client.searchIds(s.markers.headline, 5)).includes(s.draft.id) === isPublished(s) ? true : undefined,
        `${s.state} story ${isPublished(s) ? 'in' : 'out of'} search`,
        60_000,
      );
    }
  }

  /** Published: 200; taken down after publication: 410; never published: 404. */
  function slugStatus(s: SweepStory): number {
    if (s.state === 'published') return 200;
    return s.state === 'unpublished' || s.state === 'killed' ? 410 : 404;
  }

  it('answers each slug by state, and only a published one with its text', async () => {
    for (const s of stories) {
      const res = await client.delivery(`/v1/articles/${s.draft.slug}`);
      const text = await res.text();
      expect({ state: s.state, status: res.status }).toEqual({ state: s.state, status: slugStatus(s) });
      // A 404 names the slug it was asked for, and a slug holds headline words: only the rest counts.
      const answered = text.replaceAll(s.draft.slug, '');
      for (const word of wordsOf(s)) expect(answered.includes(word)).toBe(isPublished(s));
    }
  });

  it('lists only published stories on every page, in each category and under each tag', async () => {
    expectShows(await listAll(client), published());
    for (const label of labels.categories) {
      const inCategory = published().filter((s) => s.submission.category === label);
      expectShows(await listAll(client, `category=${encodeURIComponent(slugify(label))}`), inCategory);
    }
    expectShows(await listAll(client, `tag=${encodeURIComponent(labels.tag)}`), published());
    for (const s of stories) {
      expectShows(await listAll(client, `tag=${encodeURIComponent(s.markers.headline)}`), isPublished(s) ? [s] : []);
    }
  });

  it('finds a story by any of its words only when published, with or without category and tag filters', async () => {
    for (const s of stories) {
      const expected = isPublished(s) ? [s] : [];
      const filters = ['', `category=${slugify(s.submission.category)}`, `tag=${encodeURIComponent(labels.tag)}`];
      for (const word of wordsOf(s))
        for (const filter of filters) expectShows(await searchAll(client, word, filter), expected);
    }
    expectShows(await searchAll(client, ''), published());
  });

  it('counts only published stories in /v1/categories', async () => {
    const res = await client.delivery('/v1/categories');
    const categories = (await res.json()) as Array<{ slug: string; count: number }>;
    for (const label of labels.categories) {
      const count = published().filter((s) => s.submission.category === label).length;
      expect(categories.find((c) => c.slug === slugify(label))?.count).toBe(count);
    }
  });

  it('gives a search-only key on Meilisearch itself nothing of a hidden story', async () => {
    const index = createMeili(ctx.meiliUrl, secrets.meiliSearchKey).index(articleIndexName(ctx.prefix));
    for (const s of stories) {
      for (const word of wordsOf(s)) {
        const { query: _asked, ...found } = await index.search(word, { limit: 50 });
        expectShows(
          { ids: found.hits.map((h) => String(h.id)), text: JSON.stringify(found) },
          isPublished(s) ? [s] : [],
        );
      }
    }
    const everything = await index.search('', { limit: 1000 });
    for (const s of hidden()) for (const word of wordsOf(s)) expect(JSON.stringify(everything)).not.toContain(word);
    await expect(index.getDocuments({ limit: 10 })).rejects.toThrow();
  });

  it('keeps no hidden story text in the index, read with the master key', async () => {
    const index = createMeili(ctx.meiliUrl, ctx.meiliMasterKey).index(articleIndexName(ctx.prefix));
    const { results } = await index.getDocuments({ limit: 1000 });
    const stored = JSON.stringify(results);
    for (const s of hidden()) for (const word of wordsOf(s)) expect(stored).not.toContain(word);
    for (const s of hidden().filter((x) => x.state === 'unpublished' || x.state === 'killed')) {
      // What a takedown leaves: a tombstone with the version the order guard needs, and nothing else.
      const doc = results.find((d) => d.id === s.draft.id);
      expect(Object.keys(doc ?? {}).sort()).toEqual(['id', 'version', 'visible']);
    }
  });
});
