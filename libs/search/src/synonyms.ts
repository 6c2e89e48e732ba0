import type { Synonyms } from 'meilisearch';
import synonymsFile from './synonyms.json';

/** The synonym groups in the repository's file (`synonyms.json`), checked once when loaded. */
export function synonymGroups(file: { groups: string[][] } = synonymsFile): string[][] {
  const seen = new Set<string>();
  for (const group of file.groups) {
    if (group.length < 2) throw new Error(`synonym group ${JSON.stringify(group)} needs two words or more`);
    for (const word of group) {
      if (word !== word.toLowerCase().trim() || word === '') throw new Error(`synonym "${word}" must be lower case`);
      if (seen.has(word)) throw new Error(`synonym "${word}" is in two groups`);
      seen.add(word);
    }
  }
  return file.groups;
}

/** Meilisearch's form: every word of a group maps to the others (mutual synonyms). */
export function meiliSynonyms(groups: string[][] = synonymGroups()): Synonyms {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) synonyms[word] = group.filter((other) => other !== word);
  }
  return synonyms;
}
