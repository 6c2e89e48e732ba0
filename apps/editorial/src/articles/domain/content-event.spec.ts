import { EventTypes } from '@broadsheet/contracts';
import { contentEvent } from './content-event';
import { anArticle } from '../../../test/an-article';

describe('content-log events', () => {
  const at = new Date('2026-11-30T10:00:00Z');

  it('carry the full public state of a published article, its corrections and earlier slugs', () => {
    const article = anArticle({
      version: 2,
      corrections: [{ note: 'The vote was 142 to 96', at }],
      previousSlugs: ['old-slug'],
    });
    const event = contentEvent(EventTypes.ArticlePublished, article, 'corr-1', at);
    expect(event.data).toMatchObject({
      version: 2,
      article: {
        headline: 'Court names the witness',
        tags: ['court'],
        corrections: [{ note: 'The vote was 142 to 96', at: at.toISOString() }],
        previousSlugs: ['old-slug'],
      },
    });
  });

  it('carry only id, slug, version, reason and time for a killed article: the compacted log keeps it forever', () => {
    const article = anArticle({
      status: 'killed',
      version: 3,
      killReason: 'court order 41/2026',
      corrections: [{ note: 'The witness is a former official', at }],
      previousSlugs: ['witness-named'],
    });
    const event = contentEvent(EventTypes.ArticleKilled, article, 'corr-2', at);
    const data = event.data as { article: Record<string, unknown>; reason?: string; version: number };
    const { slug: _slug, ...kept } = data.article;
    expect(JSON.stringify(kept)).not.toMatch(/witness|Ahmadi|court|img\.example|politics|official/i);
    expect(data).toMatchObject({ version: 3, reason: 'court order 41/2026', article: { id: 'a-1', status: 'killed' } });
  });
});
