import { aPublicArticle } from '@broadsheet/testing';
import { publicArticleSchema } from './article';
import { killedRemains, killedSlug } from './killed';

describe('killedRemains', () => {
  const article = aPublicArticle({
    headline: 'Court names the witness',
    slug: 'court-names-the-witness-mariam-ahmadi',
    summary: 'The witness, a local official, testified on Monday.',
    body: '<p>The witness testified.</p>',
    bylines: ['Mariam Ahmadi'],
    tags: ['court'],
    images: [{ url: 'https://img.example/w.jpg', alt: 'The witness', caption: 'Outside court', credit: 'AP' }],
    sourceUrl: 'https://wire.example/story/1',
    corrections: [{ note: 'The witness is a former official', at: '2026-11-29T10:00:00.000Z' }],
    previousSlugs: ['court-names-the-witness'],
  });

  it('keeps no word or picture of the article, only what a 410 and the lists need', () => {
    const kept = killedRemains(article);
    expect(kept).toEqual({
      id: article.id,
      slug: killedSlug(article.slug),
      status: 'killed',
      headline: '',
      body: '',
      bylines: [],
      category: '',
      categoryLabel: '',
      tags: [],
      language: '',
      images: [],
      publishedAt: article.publishedAt,
      updatedAt: article.updatedAt,
    });
    expect(JSON.stringify(kept)).not.toMatch(/witness|Ahmadi|court|wire\.example|official/i);
  });

  it('knows the slug only as a digest, the same however often the rule is applied', () => {
    const digest = killedSlug('court-names-the-witness-mariam-ahmadi');
    expect(digest).toMatch(/^killed:[0-9a-f]{64}$/);
    expect(killedSlug(digest)).toBe(digest);
    expect(killedRemains(killedRemains(article)).slug).toBe(digest);
  });

  it('is still a valid public snapshot, so the killed event passes its schema', () => {
    expect(publicArticleSchema.safeParse(killedRemains(article)).success).toBe(true);
  });
});
