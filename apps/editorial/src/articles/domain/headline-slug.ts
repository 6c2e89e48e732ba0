import { Article } from './article';
import { readableSlug } from './slug';

/**
 * The slug after a headline change: it follows the headline until the story is first published or an
 * editor chose one; from publication on it is frozen (links to it exist).
 */
export function slugFollowing(article: Article, headline: string): string {
  if (article.slugChosen || article.version > 0 || headline === article.headline) return article.slug;
  return readableSlug(headline, article.id);
}
