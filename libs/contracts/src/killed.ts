import { createHash } from 'node:crypto';
import { PublicArticle } from './article';

const killedPrefix = 'killed:';

/**
 * The slug a killed article is known by outside the desk: a digest of its slug, since a slug is made of
 * headline words (a name, a charge) that a takedown must not leave in the log. Readers asking for the
 * old slug still get a 410: delivery digests what they ask for. No slug has a colon, so none collides.
 */
export function killedSlug(slug: string): string {
  if (slug.startsWith(killedPrefix)) return slug;
  return `${killedPrefix}${createHash('sha256').update(slug).digest('hex')}`;
}

/**
 * What a killed (legally taken down) article keeps, wherever it is sent or stored: its id, its slug as
 * a digest (see killedSlug) so readers get a 410 there and lists drop it, and its times. Nothing else:
 * no words, pictures, category or earlier slugs. The content log is compacted and kept forever, so the
 * killed event itself must carry nothing more; editorial, delivery and search all apply this one rule.
 */
export function killedRemains(article: PublicArticle): PublicArticle {
  return {
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
  };
}
