import { ArticleContent, htmlToText } from '@broadsheet/contracts';
import { primaryLanguage, TextGroup, textGroupOf } from './languages';

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
  bylines?: string[];
  category?: string;
  categoryLabel?: string;
  tags?: string[];
  /** The story's BCP 47 tag as published, e.g. `fa-AF`. */
  language?: string;
  /** Its primary subtag, lower case (`fa`): what `lang=` filters on. */
  lang?: string;
  publishedAt?: string;
  /** Seconds since the epoch: Meilisearch filters and sorts numbers, not dates. */
  publishedTs?: number;
  imageUrl?: string;
  /** The searchable text, under the story's language group so Meilisearch tokenizes it as that language. */
  text?: Partial<Record<TextGroup, LocalizedText>>;
}

/** A story's words in its language group: headline and summary are also kept plain for display. */
export interface LocalizedText {
  headline: string;
  summary?: string;
  body: string;
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
    bylines: article.bylines,
    category: article.category,
    categoryLabel: article.categoryLabel,
    tags: article.tags,
    language: article.language,
    lang: primaryLanguage(article.language),
    publishedAt: article.publishedAt,
    publishedTs: Math.floor(Date.parse(article.publishedAt) / 1000),
    imageUrl: article.images[0]?.url,
    text: {
      [textGroupOf(article.language)]: {
        headline: article.headline,
        summary: article.summary,
        body: htmlToText(article.body),
      },
    },
  };
}
