import { killedSlug, PageKey } from '@broadsheet/contracts';
import { openConnection } from '@broadsheet/persistence';
import { aContent, testContext } from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ReadModelRepository } from '../src/articles/read-model.repository';

/** The read model against the real Mongo store: replays and out-of-order deliveries change nothing. */
describe('delivery read model', () => {
  let connection: Connection;
  let repo: ReadModelRepository;

  beforeAll(async () => {
    const ctx = testContext('readmodel');
    connection = await openConnection({ url: ctx.mongoUrl, dbName: `${ctx.prefix}delivery` });
    repo = new ReadModelRepository(connection);
  });
  afterAll(() => connection.close());

  it('keeps the newest version whatever order the versions arrive in', async () => {
    const id = randomUUID();
    expect(await repo.apply(aContent(2, { id, headline: 'Corrected headline' }))).toBe(true);
    expect(await repo.apply(aContent(1, { id, headline: 'First headline' }))).toBe(false);
    expect(await repo.apply(aContent(2, { id, headline: 'Corrected headline' }))).toBe(false);
    const held = await repo.findBySlug(aContent(2, { id }).article.slug);
    expect(held).toMatchObject({ id, version: 2, headline: 'Corrected headline' });
  });

  it('keeps nothing readable of a killed article, and drops it from lists and categories', async () => {
    const id = randomUUID();
    const category = `legal-${id.slice(0, 6)}`;
    await repo.apply(aContent(1, { id, category }));
    expect((await repo.listPublished({ category, limit: 10 })).map((a) => a.id)).toEqual([id]);
    await repo.apply(aContent(2, { id, category, status: 'killed' }));
    const slug = aContent(1, { id }).article.slug;
    expect(await repo.findBySlug(slug)).toBeNull();
    const held = await repo.findBySlug(killedSlug(slug));
    expect(held).toMatchObject({ status: 'killed', headline: '', body: '', bylines: [], tags: [] });
    expect(await repo.listPublished({ category, limit: 10 })).toEqual([]);
    expect((await repo.categories()).find((c) => c.slug === category)).toBeUndefined();
  });

  it('pages newest first with a cursor that never repeats or skips', async () => {
    const category = `paging-${randomUUID().slice(0, 6)}`;
    const times = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-03', '2026-11-04'].map(
      (d) => `${d}T10:00:00.000Z`,
    );
    for (const publishedAt of times) await repo.apply(aContent(1, { category, publishedAt }));
    const seen: string[] = [];
    let after: PageKey | undefined;
    for (;;) {
      const page = await repo.listPublished({ category, limit: 2, after });
      seen.push(...page.map((a) => a.id));
      const last = page.at(-1);
      if (page.length < 2 || !last) break;
      after = { at: last.publishedAt, id: last.id };
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});
