import { sanitizeBody } from '@broadsheet/contracts';
import type { ReadArticle } from '../articles/read-model.repository';

/** A feed's own facts, whatever its format. */
export interface FeedMeta {
  title: string;
  description: string;
  language: string;
  /** The page the feed mirrors (absolute). */
  homeUrl: string;
  /** The feed's own URL (absolute), without its extension: each format adds its own. */
  selfBase: string;
  siteName: string;
}

/** One story as every feed format carries it. */
export interface FeedItem {
  /** Never changes: made from the article id, not its slug or the site's address. */
  guid: string;
  url: string;
  title: string;
  summary?: string;
  /** The full body, cleaned again on output. */
  contentHtml: string;
  authors: string[];
  category: string;
  tags: string[];
  published: Date;
  updated: Date;
}

export function feedItem(a: ReadArticle, siteUrl: string): FeedItem {
  return {
    guid: `urn:broadsheet:article:${a.id}`,
    url: `${siteUrl}/articles/${encodeURIComponent(a.slug)}`,
    title: a.headline,
    summary: a.summary,
    contentHtml: sanitizeBody(a.body ?? ''),
    authors: a.bylines,
    category: a.categoryLabel,
    tags: a.tags,
    published: a.publishedAt,
    updated: a.updatedAt,
  };
}

/** The feed's last change: its newest item update, or the epoch for an empty feed (stable, so 304s work). */
export function lastChange(items: FeedItem[]): Date {
  return new Date(Math.max(0, ...items.map((i) => i.updated.getTime())));
}
