import type { ReadArticle } from './read-model.repository';

/** What a reader surface may do with a story: show it, say it is gone (410), or know nothing of it (404). */
export type Visibility = 'visible' | 'gone' | 'missing';

/**
 * The one rule every reader surface applies: only a published story whose time has come is shown; one
 * taken down answers 410; drafts, scheduled and embargoed stories do not exist for readers.
 */
export function visibilityOf(article: Pick<ReadArticle, 'status' | 'publishedAt'>, now = new Date()): Visibility {
  if (article.status === 'unpublished' || article.status === 'killed') return 'gone';
  if (article.status === 'published' && article.publishedAt.getTime() <= now.getTime()) return 'visible';
  return 'missing';
}
