import { PublicArticle } from './article';

/**
 * What a killed (legally taken down) article keeps, wherever it is sent or stored: its identity and
 * place, so readers get a 410 at its slug and lists drop it, and none of its words or pictures. The
 * content log is compacted and kept forever, so the killed event itself must already carry nothing more.
 */
export function killedRemains(article: PublicArticle): PublicArticle {
  const { summary: _summary, sourceUrl: _sourceUrl, ...rest } = article;
  return { ...rest, status: 'killed', headline: '', body: '', bylines: [], tags: [], images: [] };
}
