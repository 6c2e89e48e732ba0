import type { Settings } from 'meilisearch';
import { createHash } from 'node:crypto';
import { searchLocales, SearchLocale, TextGroup, textGroups } from './languages';
import { indexStopWords } from './stop-words';
import { meiliSynonyms } from './synonyms';

/** The articles index: its name carries a prefix so tests and benchmarks share one Meilisearch in isolation. */
export function articleIndexName(prefix: string): string {
  return `${prefix}articles`;
}

/** A story's text field in its language's group, e.g. `text.rus.headline`. */
export const textField = (group: TextGroup, field: 'headline' | 'summary' | 'body'): string => `text.${group}.${field}`;

const inEveryGroup = (field: 'headline' | 'summary' | 'body') => textGroups.map((g) => textField(g, field));

/**
 * The index's settings as code. Changing them changes `settingsVersion`; search-index applies them at
 * start (and is not ready until it has), and a reindex builds a new index with them.
 */
export const articleIndexSettings: Settings = {
  // Ranking order: a headline match outranks a summary match, then tags, bylines, the body. A story has
  // text in one language group only, so listing each field across the groups keeps that order.
  searchableAttributes: [
    ...inEveryGroup('headline'),
    ...inEveryGroup('summary'),
    'tags',
    'bylines',
    ...inEveryGroup('body'),
    'categoryLabel',
  ],
  filterableAttributes: ['visible', 'category', 'tags', 'publishedTs', 'language', 'lang', 'id'],
  sortableAttributes: ['publishedTs'],
  displayedAttributes: ['*'],
  // `sort` first: with sort=newest the newest match comes first; without a sort it does nothing. The last
  // rule breaks ties between equally good matches in favour of the more recent story.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'publishedTs:desc'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    disableOnNumbers: true,
  },
  stopWords: indexStopWords(),
  synonyms: meiliSynonyms(),
  localizedAttributes: (Object.keys(searchLocales) as SearchLocale[]).map((locale) => ({
    attributePatterns: [`text.${locale}.*`],
    locales: [locale],
  })),
  pagination: { maxTotalHits: 5_000 },
  faceting: { maxValuesPerFacet: 100 },
};

/** The settings' own version: a digest of them, so any change (a synonym included) is a new version. */
export const settingsVersion = createHash('sha256')
  .update(canonicalJson(articleIndexSettings))
  .digest('hex')
  .slice(0, 12);

/**
 * Whether an index's settings, as Meilisearch reports them, are the code's: every key the code sets has
 * the code's value (Meilisearch adds defaults beside them); lists whose order means nothing are sets.
 */
export function settingsMatch(actual: Settings, wanted: Settings = articleIndexSettings): boolean {
  return covers(actual, wanted, '');
}

const unordered = new Set(['filterableAttributes', 'sortableAttributes', 'stopWords', 'displayedAttributes']);

function covers(actual: unknown, wanted: unknown, key: string): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
    const [a, w] = unordered.has(key) || key === 'synonym' ? [sorted(actual), sorted(wanted)] : [actual, wanted];
    return w.every((item, i) => covers(a[i], item, ''));
  }
  if (wanted && typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    const held = actual as Record<string, unknown>;
    return Object.entries(wanted).every(([k, v]) => covers(held[k], v, key === 'synonyms' ? 'synonym' : k));
  }
  // Meilisearch reports words decomposed (آ as ا plus a madda): compare what they mean, not their bytes.
  if (typeof actual === 'string' && typeof wanted === 'string')
    return actual.normalize('NFKD') === wanted.normalize('NFKD');
  return actual === wanted;
}

const sorted = (list: unknown[]): unknown[] =>
  list
    .map((item) => [canonicalJson(item).normalize('NFKD'), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);

/** JSON with object keys sorted, so equal settings give equal text whatever the key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
