import { ArticleContent, DomainError } from '@broadsheet/contracts';
import { articleIndexName, createMeili, SearchDocument } from '@broadsheet/search';
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
    const index = new IndexWriter(meili.index<SearchDocument>(articleIndexName(ctx.prefix)));
    const writes: number[] = [];
    // Writes accepted by Meilisearch and not applied yet, as seen when each write is sent.
    const queued = { now: 0, seen: [] as number[] };
    const target = {
      enqueue: async (contents: ArticleContent[]) => {
        writes.push(contents.length);
        queued.seen.push(queued.now);
        const write = await index.enqueue(contents);
        queued.now += 1;
        void write.durable.finally(() => (queued.now -= 1)).catch(() => undefined);
        return write;
      },
      apply: (contents: ArticleContent[]) => index.apply(contents),
    };
    const writer = new CoalescingWriter(target, { maxDocuments: 5, maxInFlight: 2 });
    return { writer, writes, index, queued };
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

  it('counts the versions of writes still queued in Meilisearch as held: a stale replay is not written after them', async () => {
    const { index } = await writers('in-flight');
    const id = randomUUID();
    // A large write ahead keeps the next ones queued while the stale replay reads what is held.
    const ahead = await index.enqueue(stories(2_000));
    const newer = await index.enqueue([aContent(2, { id, headline: 'Version two' })]);
    const stale = await index.enqueue([aContent(1, { id, headline: 'Version one' })]);
    expect(stale.fresh).toEqual([]);
    await Promise.all([ahead.durable, newer.durable, stale.durable]);
    expect(await index.index.getDocument(id)).toMatchObject({ version: 2, headline: 'Version two' });
    // Once applied, the index itself holds it: a replay still writes nothing.
    expect(await index.apply([aContent(1, { id })])).toEqual([]);
  });

  it('answers callers once Meilisearch accepted their write, with at most maxInFlight writes queued', async () => {
    const { writer, index, queued } = await writers('pipelined');
    const batches = [0, 1, 2, 3].map(() => stories(5));
    const accepted = await Promise.all(batches.map((b) => writer.enqueue(b)));
    // Two writes were accepted before the first was applied; each later one waited for a free place.
    expect(queued.seen[1]).toBe(1);
    expect(Math.max(...queued.seen)).toBeLessThanOrEqual(1);
    const written = await Promise.all(accepted.map((a) => a.durable));
    expect(written).toEqual(batches);
    const { total } = await index.index.getDocuments({ limit: 0 });
    expect(total).toBe(20);
  });
});
