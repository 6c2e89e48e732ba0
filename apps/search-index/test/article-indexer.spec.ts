import { articleIndexName, createMeili, SearchDocument, settingsVersion } from '@broadsheet/search';
import { aContent, testContext, TestContext } from '@broadsheet/testing';
import { randomUUID } from 'node:crypto';
import { ensureIndex, heldSettingsVersion } from '../src/indexing/index-setup';
import { IndexWriter } from '../src/indexing/index-writer';

/** The indexer against the real Meilisearch: the order guard and tombstones. */
describe('article indexer', () => {
  let ctx: TestContext;
  let writer: IndexWriter;
  const indexer = { apply: async (...args: Parameters<IndexWriter['apply']>) => (await writer.apply(...args)).length };

  beforeAll(async () => {
    ctx = testContext('indexer');
    const meili = createMeili(ctx.meiliUrl, ctx.meiliMasterKey);
    await ensureIndex(meili, articleIndexName(ctx.prefix));
    writer = new IndexWriter(meili.index<SearchDocument>(articleIndexName(ctx.prefix)));
  });

  const held = (id: string): Promise<SearchDocument> =>
    createMeili(ctx.meiliUrl, ctx.meiliMasterKey).index<SearchDocument>(articleIndexName(ctx.prefix)).getDocument(id);

  it('holds the settings as code, and applying them again changes nothing', async () => {
    const meili = createMeili(ctx.meiliUrl, ctx.meiliMasterKey);
    const index = meili.index<SearchDocument>(articleIndexName(ctx.prefix));
    expect(await heldSettingsVersion(index)).toBe(settingsVersion);
    const before = (await meili.tasks.getTasks({ indexUids: [index.uid], types: ['settingsUpdate'] })).results.length;
    await ensureIndex(meili, index.uid);
    const after = (await meili.tasks.getTasks({ indexUids: [index.uid], types: ['settingsUpdate'] })).results.length;
    expect(after).toBe(before);
    await index.updateSettings({ synonyms: { pm: ['premier'] } }).waitTask();
    expect(await heldSettingsVersion(index)).toBeNull();
    await ensureIndex(meili, index.uid);
    expect(await heldSettingsVersion(index)).toBe(settingsVersion);
  });

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

  it('files the text under its language, so Meilisearch tokenizes it as that language', async () => {
    const [ru, prs, ps, de] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await indexer.apply([
      aContent(1, { id: ru, language: 'ru', headline: 'Бюджет принят' }),
      aContent(1, { id: prs, language: 'fa-AF', headline: 'بودجه تصویب شد' }),
      aContent(1, { id: ps, language: 'ps', headline: 'بودیجه تصویب شوه' }),
      aContent(1, { id: de, language: 'de', headline: 'Haushalt beschlossen' }),
    ]);
    expect((await held(ru)).text).toEqual({ rus: expect.objectContaining({ headline: 'Бюджет принят' }) });
    expect(await held(prs)).toMatchObject({ lang: 'fa', text: { pes: { headline: 'بودجه تصویب شد' } } });
    expect(await held(ps)).toMatchObject({ lang: 'ps', text: { pes: { headline: 'بودیجه تصویب شوه' } } });
    expect(await held(de)).toMatchObject({ lang: 'de', text: { any: { headline: 'Haushalt beschlossen' } } });
  });

  it('strips markup from the body it indexes', async () => {
    const id = randomUUID();
    await indexer.apply([aContent(1, { id, body: '<p>Flood <b>warning</b> &amp; road closures</p>' })]);
    expect((await held(id)).text?.eng?.body).toBe('Flood warning & road closures');
  });
});
