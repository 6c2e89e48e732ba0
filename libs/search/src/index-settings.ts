import type { Settings } from 'meilisearch';

/** The articles index: its name carries a prefix so tests and benchmarks share one Meilisearch in isolation. */
export function articleIndexName(prefix: string): string {
  return `${prefix}articles`;
}

export const articleIndexSettings: Settings = {
  // Order matters: a headline match outranks a body match.
  searchableAttributes: ['headline', 'summary', 'tags', 'bylines', 'categoryLabel', 'bodyText'],
  filterableAttributes: ['visible', 'category', 'tags', 'publishedTs', 'language', 'id'],
  sortableAttributes: ['publishedTs'],
  displayedAttributes: ['*'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 5_000 },
  faceting: { maxValuesPerFacet: 100 },
};
