import { ArticleContent, htmlToText } from '@broadsheet/contracts';

/**
 * An article as the search index holds it. search-index writes these; delivery reads them.
 * `visible: false` is a tombstone: it keeps the version (for the order guard) and no text.
 */
export interface SearchDocument {
  id: string;
  version: number;
  visible: boolean;
  slug?: string;
  headline?: string;
  summary?: string;
  bodyText?: string;
  bylines?: string[];
  category?: string;
  categoryLabel?: string;
  tags?: string[];
  language?: string;
  publishedAt?: string;
  /** Seconds since the epoch: Meilisearch filters and sorts numbers, not dates. */
  publishedTs?: number;
  imageUrl?: string;
}

/** What a search result shows: retrieving only these keeps queries fast (see ARCHITECTURE). */
export const resultFields = [
  'id',
  'slug',
  'headline',
  'summary',
  'category',
  'categoryLabel',
  'tags',
  'bylines',
  'publishedAt',
  'imageUrl',
] as const;

/** Published (or corrected) content is searchable; unpublished and killed content leaves only a tombstone. */
export function toSearchDocument({ version, article }: ArticleContent): SearchDocument {
  if (article.status !== 'published') return { id: article.id, version, visible: false };
  return {
    id: article.id,
    version,
    visible: true,
    slug: article.slug,
    headline: article.headline,
    summary: article.summary,
    bodyText: htmlToText(article.body),
    bylines: article.bylines,
    category: article.category,
    categoryLabel: article.categoryLabel,
    tags: article.tags,
    language: article.language,
    publishedAt: article.publishedAt,
    publishedTs: Math.floor(Date.parse(article.publishedAt) / 1000),
    imageUrl: article.images[0]?.url,
  };
}
