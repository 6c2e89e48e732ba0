import { ArticleContent, DomainError } from '@broadsheet/contracts';
import { articleIndexName, createMeili } from '@broadsheet/search';
import { aContent, testContext } from '@broadsheet/testing';
import { randomUUID } from 'node:crypto';
import { CoalescingWriter } from '../src/indexing/coalescing-writer';
import { ensureIndex } from '../src/indexing/index-setup';
import { IndexWriter } from '../src/indexing/index-writer';

/** Partition batches handled together become one Meilisearch write; each caller still gets its own outcome. */
describe('coalescing writer over the real Meilisearch', () => {
  async function writers(name: string) {
    const ctx = testContext(name);
    const meili = createMeili(ctx.meiliUrl, ctx.meiliMasterKey);
    await ensureIndex(meili, articleIndexName(ctx.prefix));
    const index = new IndexWriter(meili.index(articleIndexName(ctx.prefix)));
    const writes: number[] = [];
    const writer = new CoalescingWriter((contents) => {
      writes.push(contents.length);
      return index.apply(contents);
    }, 5);
    return { writer, writes };
  }
  const stories = (n: number): ArticleContent[] => Array.from({ length: n }, () => aContent(1, { id: randomUUID() }));

  it('merges concurrent batches up to its limit and gives each caller the states it wrote', async () => {
    const { writer, writes } = await writers('coalesce');
    const [a, b, c] = [stories(2), stories(3), stories(2)];
    const results = await Promise.all([writer.apply(a), writer.apply(b), writer.apply(c)]);
    expect(writes).toEqual([5, 2]);
    expect(results.map((r) => r.map((s) => s.article.id))).toEqual([a, b, c].map((s) => s.map((x) => x.article.id)));
    // Already held at that version: nothing written again, for every caller.
    expect(await Promise.all([writer.apply(a), writer.apply(b)])).toEqual([[], []]);
  });

  it('isolates a batch Meilisearch rejects: the others are written, only its caller fails', async () => {
    const { writer } = await writers('coalesce-reject');
    const good = stories(2);
    const [ok, bad] = await Promise.allSettled([
      writer.apply(good),
      writer.apply([aContent(1, { id: 'not a valid id!' })]),
    ]);
    expect(ok).toMatchObject({ status: 'fulfilled', value: good });
    expect(bad).toMatchObject({ status: 'rejected' });
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
  });
});
