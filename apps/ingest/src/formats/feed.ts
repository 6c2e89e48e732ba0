import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { parseFeed } from 'feedsmith';
import { absoluteUrl, compact, MappedStory } from './mapped';
import { refuseHostileXml } from './xml';

type Parsed = ReturnType<typeof parseFeed>;
type RssItem = NonNullable<Extract<Parsed, { format: 'rss' }>['feed']['items']>[number];
type AtomFeed = Extract<Parsed, { format: 'atom' }>['feed'];
type AtomEntry = NonNullable<AtomFeed['entries']>[number];

/** Links and image sources in a body made absolute, so a relative `/photo.jpg` still points at the partner. */
export function resolveLinks(html: string | undefined, base: string | undefined): string | undefined {
  if (!html || !base) return html;
  return html.replace(/\b(href|src)\s*=\s*(["'])([^"']*)\2/gi, (whole, name: string, q: string, url: string) => {
    const abs = absoluteUrl(url, base);
    return abs ? `${name}=${q}${abs}${q}` : whole;
  });
}

/** feedsmith leaves dates as the feed wrote them (RFC 822 in RSS); cleaning turns them into UTC ISO-8601. */
const dateText = (d: unknown): string | undefined => (typeof d === 'string' ? d : undefined);

function rssItem(item: RssItem, base: string | undefined): MappedStory {
  const categories = (item.categories ?? []).map((c) => c.name).filter((n): n is string => !!n);
  const bylines = [...(item.dc?.creators ?? []), ...(item.authors ?? []).map(String)];
  const link = absoluteUrl(item.link, base);
  const images = (item.enclosures ?? [])
    .filter((e) => e.type?.startsWith('image/'))
    .flatMap((e) => {
      const url = absoluteUrl(e.url, base);
      return url ? [{ url }] : [];
    });
  const encoded = item.content?.encoded;
  return compact({
    externalId: item.guid?.value ?? link ?? item.title,
    headline: item.title,
    // With content:encoded the description is the standfirst; without it, the description is the body.
    summary: encoded ? item.description : undefined,
    body: resolveLinks(encoded ?? item.description, link ?? base),
    bylines,
    category: categories[0],
    tags: categories.slice(1),
    publishedAt: dateText(item.pubDate ?? item.dc?.dates?.[0]),
    url: link,
    images,
  });
}

function atomEntry(entry: AtomEntry, base: string | undefined): MappedStory {
  const alternate = entry.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
  const link = absoluteUrl(alternate, base);
  const categories = (entry.categories ?? []).map((c) => c.label ?? c.term).filter((n): n is string => !!n);
  // Atom `text` content is plain text: escape nothing here, the schema cleans it as plain text would be shown.
  const content = entry.content?.value;
  return compact({
    externalId: entry.id,
    headline: entry.title?.value,
    summary: content ? entry.summary?.value : undefined,
    body: resolveLinks(content ?? entry.summary?.value, link ?? base),
    bylines: (entry.authors ?? []).map((a) => a.name).filter((n): n is string => !!n),
    category: categories[0],
    tags: categories.slice(1),
    publishedAt: dateText(entry.published ?? entry.updated),
    url: link,
  });
}

/**
 * RSS 2.0 and Atom 1.0 onto canonical submissions, one per item. feedsmith does the reading (CDATA,
 * content:encoded, dc:creator, Atom xhtml content); relative links resolve against the item, the feed's
 * `xml:base` or link, then `feedUrl` (where a polled feed came from).
 */
export function fromFeed(xml: string, feedUrl?: string): MappedStory[] {
  refuseHostileXml(xml);
  let parsed: Parsed;
  try {
    parsed = parseFeed(xml);
  } catch (error) {
    const message = `not an RSS 2.0 or Atom 1.0 feed (${error instanceof Error ? error.message : 'unreadable'})`;
    throw new DomainError(ErrorCodes.ValidationFailed, message, [{ path: 'body', message }]);
  }
  if (parsed.format === 'rss') {
    const base = absoluteUrl(parsed.feed.link, feedUrl) ?? feedUrl;
    return (parsed.feed.items ?? []).map((i) => rssItem(i, base));
  }
  if (parsed.format === 'atom') {
    const feedLink = parsed.feed.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
    const base = absoluteUrl(parsed.feed.xml?.base, feedUrl) ?? absoluteUrl(feedLink, feedUrl) ?? feedUrl;
    return (parsed.feed.entries ?? []).map((e) => atomEntry(e, base));
  }
  const message = `feed format "${parsed.format}" is not taken; send RSS 2.0 or Atom 1.0`;
  throw new DomainError(ErrorCodes.UnsupportedMediaType, message, [{ path: 'content-type', message }]);
}
