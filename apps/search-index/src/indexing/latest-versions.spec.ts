import { ArticleContent } from '@broadsheet/contracts';
import { latestPerArticle, newerThanHeld } from './latest-versions';

const content = (id: string, version: number): ArticleContent => ({
  version,
  article: {
    id,
    slug: `s-${id}`,
    status: 'published',
    headline: `h${version}`,
    body: '<p>b</p>',
    bylines: [],
    category: 'news',
    categoryLabel: 'News',
    tags: [],
    language: 'en',
    images: [],
    publishedAt: '2026-11-28T08:00:00.000Z',
    updatedAt: '2026-11-28T08:00:00.000Z',
  },
});

describe('order guard', () => {
  it('keeps the newest version of each article in a batch, whatever the arrival order', () => {
    const kept = latestPerArticle([content('a', 2), content('a', 3), content('b', 1), content('a', 1)]);
    expect(kept.map((c) => [c.article.id, c.version])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('drops versions the index already holds or has passed', () => {
    const held = new Map([
      ['a', 3],
      ['b', 1],
    ]);
    expect(newerThanHeld([content('a', 3), content('b', 2), content('c', 1)], held).map((c) => c.article.id)).toEqual([
      'b',
      'c',
    ]);
  });
});
