import { PublicArticle } from './article';

/**
 * What a killed (legally taken down) article keeps, wherever it is sent or stored: its id and slug, so
 * readers get a 410 there and lists drop it, and its times. Nothing else: no words, pictures, category
 * or earlier slugs. The content log is compacted and kept forever, so the killed event itself must
 * carry nothing more; editorial, delivery and search all apply this one rule.
 */
export function killedRemains(article: PublicArticle): PublicArticle {
  return {
    id: article.id,
    slug: article.slug,
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
  };
}
