import { el, escapeXml } from './xml';
import { FeedItem, FeedMeta, lastChange } from './feed-model';

export const feedFormats = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof feedFormats;

/** RSS 2.0 with the full body in content:encoded and authors in dc:creator. */
export function rss(meta: FeedMeta, items: FeedItem[]): string {
  const entries = items.map(
    (i) =>
      `<item>${el('title', i.title)}${el('link', i.url)}<guid isPermaLink="false">${escapeXml(i.guid)}</guid>` +
      `${el('pubDate', i.published.toUTCString())}${el('description', i.summary)}` +
      `${el('content:encoded', i.contentHtml)}${i.authors.map((a) => el('dc:creator', a)).join('')}` +
      `${el('category', i.category)}</item>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<channel>${el('title', meta.title)}${el('link', meta.homeUrl)}${el('description', meta.description)}` +
    `${el('language', meta.language)}${el('lastBuildDate', lastChange(items).toUTCString())}` +
    `<atom:link href="${escapeXml(`${meta.selfBase}.rss`)}" rel="self" type="application/rss+xml"/>` +
    `${entries.join('')}</channel></rss>\n`
  );
}

/** Atom 1.0 (RFC 4287) with the full body as escaped HTML content. */
export function atom(meta: FeedMeta, items: FeedItem[]): string {
  const entries = items.map(
    (i) =>
      `<entry>${el('id', i.guid)}${el('title', i.title)}<link rel="alternate" type="text/html" href="${escapeXml(i.url)}"/>` +
      `${el('published', i.published.toISOString())}${el('updated', i.updated.toISOString())}` +
      `${(i.authors.length ? i.authors : [meta.siteName]).map((a) => `<author>${el('name', a)}</author>`).join('')}` +
      `<category term="${escapeXml(i.category)}"/>${el('summary', i.summary)}${el('content', i.contentHtml, ' type="html"')}</entry>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(meta.language)}">` +
    `${el('id', `${meta.selfBase}.atom`)}${el('title', meta.title)}${el('subtitle', meta.description)}` +
    `${el('updated', lastChange(items).toISOString())}` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(`${meta.selfBase}.atom`)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(meta.homeUrl)}"/>` +
    `<author>${el('name', meta.siteName)}</author>${entries.join('')}</feed>\n`
  );
}

/** JSON Feed 1.1. */
export function jsonFeed(meta: FeedMeta, items: FeedItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    description: meta.description,
    home_page_url: meta.homeUrl,
    feed_url: `${meta.selfBase}.json`,
    language: meta.language,
    items: items.map((i) => ({
      id: i.guid,
      url: i.url,
      title: i.title,
      summary: i.summary,
      content_html: i.contentHtml,
      date_published: i.published.toISOString(),
      date_modified: i.updated.toISOString(),
      authors: i.authors.map((name) => ({ name })),
      tags: [i.category, ...i.tags],
    })),
  });
}

export const writeFeed: Record<FeedFormat, (meta: FeedMeta, items: FeedItem[]) => string> = {
  rss,
  atom,
  json: jsonFeed,
};
