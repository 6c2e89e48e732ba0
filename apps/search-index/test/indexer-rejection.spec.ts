import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { classifyFailure } from '@broadsheet/messaging';
import { articleIndexName, createMeili } from '@broadsheet/search';
import { aContent, testContext } from '@broadsheet/testing';
import { randomUUID } from 'node:crypto';
import { ensureIndex } from '../src/indexing/index-setup';
import { IndexWriter } from '../src/indexing/index-writer';

/** What the real Meilisearch says about a document it cannot take, as the consumer will see it. */
describe('article indexer: documents Meilisearch rejects', () => {
  it('fails the write permanently, so the consumer dead-letters the story instead of waiting', async () => {
    const ctx = testContext('reject');
    const meili = createMeili(ctx.meiliUrl, ctx.meiliMasterKey);
    await ensureIndex(meili, articleIndexName(ctx.prefix));
    const indexer = new IndexWriter(meili.index(articleIndexName(ctx.prefix)));
    // Meilisearch ids allow only letters, digits, '-' and '_'.
    const error = await indexer.apply([aContent(1, { id: 'not a valid id!' })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCodes.ValidationFailed, retryable: false });
    expect((error as DomainError).message).toContain('invalid_document_id');
    expect(classifyFailure(error)).toBe('permanent');
    expect(await indexer.apply([aContent(1, { id: randomUUID() })])).toHaveLength(1);
  });
});
