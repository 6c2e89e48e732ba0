import { ArticleContent } from '@broadsheet/contracts';

/** Keeps, per article, only the newest version seen in a batch: older ones would be overwritten anyway. */
export function latestPerArticle(contents: ArticleContent[]): ArticleContent[] {
  const latest = new Map<string, ArticleContent>();
  for (const c of contents) {
    const held = latest.get(c.article.id);
    if (!held || c.version > held.version) latest.set(c.article.id, c);
  }
  return [...latest.values()];
}

/** The order guard: only versions newer than what the index holds are written. */
export function newerThanHeld(contents: ArticleContent[], held: Map<string, number>): ArticleContent[] {
  return contents.filter((c) => c.version > (held.get(c.article.id) ?? 0));
}
