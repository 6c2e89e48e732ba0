import { articleIndexName, createMeili, SearchDocument } from '@broadsheet/search';
import { aContent, testContext, TestContext } from '@broadsheet/testing';
import { randomUUID } from 'node:crypto';
import { ArticleIndexer } from '../src/indexing/article-indexer';

/** The indexer against the real Meilisearch: the order guard and tombstones. */
describe('article indexer', () => {
  let ctx: TestContext;
  let indexer: ArticleIndexer;

  beforeAll(async () => {
    ctx = testContext('indexer');
    indexer = new ArticleIndexer(createMeili(ctx.meiliUrl, ctx.meiliMasterKey), ctx.prefix);
    await indexer.onModuleInit();
  });

  const held = (id: string): Promise<SearchDocument> =>
    createMeili(ctx.meiliUrl, ctx.meiliMasterKey).index<SearchDocument>(articleIndexName(ctx.prefix)).getDocument(id);

  it('never lets an older version overwrite a newer one, within a batch or across batches', async () => {
    const id = randomUUID();
    expect(
      await indexer.apply([
        aContent(3, { id, headline: 'Version three' }),
        aContent(2, { id, headline: 'Version two' }),
      ]),
    ).toBe(1);
    expect(await indexer.apply([aContent(1, { id, headline: 'Version one' })])).toBe(0);
    expect(await held(id)).toMatchObject({ version: 3, headline: 'Version three', visible: true });
  });

  it('replaces a killed article with a tombstone that holds no text and stays ahead of replays', async () => {
    const id = randomUUID();
    await indexer.apply([aContent(1, { id, headline: 'Soon to be killed' })]);
    await indexer.apply([aContent(2, { id, status: 'killed', body: '' })]);
    await indexer.apply([aContent(1, { id, headline: 'Soon to be killed' })]);
    const tombstone = await held(id);
    expect(tombstone).toEqual({ id, version: 2, visible: false });
  });

  it('strips markup from the body it indexes', async () => {
    const id = randomUUID();
    await indexer.apply([aContent(1, { id, body: '<p>Flood <b>warning</b> &amp; road closures</p>' })]);
    expect((await held(id)).bodyText).toBe('Flood warning & road closures');
  });
});
