import { Article } from '../src/articles/domain/article';

/** An article factory for unit specs: override what the test is about. */
export function anArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: 'a-1',
    status: 'published',
    slug: 'court-names-the-witness',
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
    editedByPerson: false,
    slugChosen: false,
    previousSlugs: [],
    corrections: [],
    flash: false,
    possibleDuplicateOf: [],
    ...overrides,
  };
}
