import { EventTypes } from '@broadsheet/contracts';
import { Article } from './article';
import { contentEvent } from './content-event';

const anArticle = (overrides: Partial<Article> = {}): Article => ({
  id: 'a-1',
  status: 'published',
  slug: 'court-names-the-witness-a1',
  headline: 'Court names the witness',
  summary: 'The witness, a local official, testified on Monday.',
  body: '<p>The witness testified.</p>',
  bylines: ['Mariam Ahmadi'],
  category: 'politics',
  categoryLabel: 'Politics',
  tags: ['court'],
  language: 'en',
  images: [{ url: 'https://img.example/w.jpg', alt: 'The witness' }],
  revision: 3,
  version: 2,
  publishedAt: new Date('2026-11-28T08:00:00Z'),
  createdBy: 'editor-1',
  createdAt: new Date('2026-11-28T07:00:00Z'),
  updatedAt: new Date('2026-11-28T08:00:00Z'),
  ...overrides,
});

describe('content-log events', () => {
  const at = new Date('2026-11-30T10:00:00Z');

  it('carry the full public state of a published article', () => {
    const event = contentEvent(EventTypes.ArticlePublished, anArticle(), 2, 'corr-1', at);
    expect(event.data).toMatchObject({ version: 2, article: { headline: 'Court names the witness', tags: ['court'] } });
  });

  it('carry none of a killed article’s words: the compacted log keeps that event forever', () => {
    const event = contentEvent(EventTypes.ArticleKilled, anArticle({ status: 'killed' }), 3, 'corr-2', at);
    // The slug stays (readers get a 410 there); it is made from the headline, a known gap.
    const { slug: _slug, ...kept } = (event.data as { article: Record<string, unknown> }).article;
    expect(JSON.stringify(kept)).not.toMatch(/witness|Ahmadi|court|img\.example/i);
    expect(event.data).toMatchObject({ version: 3, article: { id: 'a-1', status: 'killed', slug: anArticle().slug } });
  });
});
