/**
 * Stop words per language: words so common that matching them says nothing about a story. Meilisearch
 * keeps one list for the index, so the lists are joined; they are kept short on purpose (no "us", "who",
 * "it": in news they are the US, the WHO and IT), since a stop word can never be searched alone.
 */
export const stopWords: Record<'en' | 'ru' | 'fa' | 'ps', readonly string[]> = {
  en: ['a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'is', 'are'],
  ru: ['и', 'в', 'во', 'на', 'с', 'со', 'по', 'к', 'ко', 'о', 'об', 'из', 'у', 'за', 'от', 'для', 'что', 'как', 'это'],
  // Dari and Persian: "and", "in", "to", "from", "that", "this", the object marker "را", "with".
  fa: ['و', 'در', 'به', 'از', 'که', 'این', 'آن', 'را', 'با', 'برای'],
  // Pashto: "of", "and", "in", "from", "that", "this", "to", "with".
  ps: ['د', 'او', 'په', 'له', 'چې', 'دا', 'ته', 'سره'],
};

/** The index's list: every language's, once each. */
export function indexStopWords(): string[] {
  return [...new Set(Object.values(stopWords).flat())].sort();
}
