/**
 * The languages the index tokenizes on purpose. Each story's text goes into the field group of its
 * language, and `localizedAttributes` tells Meilisearch how to segment and normalize that group, so a
 * short Dari headline is never guessed to be Arabic (whose normalizer strips "ال").
 */
export const searchLocales = {
  /** English. */
  eng: ['en'],
  /** Russian. */
  rus: ['ru'],
  /**
   * Persian script languages: Dari (`fa-AF`, `prs`), Persian (`fa`) and Pashto (`ps`, `pbt`, `pbu`).
   * Meilisearch 1.21 has no Pashto locale; Persian is the nearest (same script, no Arabic article
   * stripping), which keeps Pashto words whole.
   */
  pes: ['fa', 'prs', 'ps', 'pbt', 'pbu'],
} as const;

export type SearchLocale = keyof typeof searchLocales;
/** Text whose language has no locale above: Meilisearch detects its language per field. */
export const otherLocale = 'any';
export type TextGroup = SearchLocale | typeof otherLocale;
export const textGroups: readonly TextGroup[] = [...(Object.keys(searchLocales) as SearchLocale[]), otherLocale];

/** The primary subtag of a BCP 47 tag, lower case: `fa-AF` → `fa`. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** The locale whose tokenizer reads a language, or undefined when Meilisearch should detect it. */
export function localeOf(tag: string): SearchLocale | undefined {
  const primary = primaryLanguage(tag);
  for (const [locale, languages] of Object.entries(searchLocales) as Array<[SearchLocale, readonly string[]]>) {
    if (languages.includes(primary)) return locale;
  }
  return undefined;
}

/** The index field group a story in this language is written to. */
export function textGroupOf(tag: string): TextGroup {
  return localeOf(tag) ?? otherLocale;
}
