import { escapeXml } from '../feeds/xml';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const head = '<?xml version="1.0" encoding="UTF-8"?>\n';

export interface UrlEntry {
  loc: string;
  lastmod?: Date;
}

export interface NewsEntry {
  loc: string;
  title: string;
  published: Date;
  keywords: string[];
}

/** A sitemap index (sitemaps.org 0.9), one `<sitemap>` per page. */
export function sitemapIndex(pages: UrlEntry[]): string {
  const entries = pages.map((p) => `<sitemap><loc>${escapeXml(p.loc)}</loc>${lastmod(p.lastmod)}</sitemap>`);
  return `${head}<sitemapindex xmlns="${SITEMAP_NS}">${entries.join('')}</sitemapindex>\n`;
}

/** A sitemap page (sitemaps.org 0.9). */
export function urlSet(urls: UrlEntry[]): string {
  const entries = urls.map((u) => `<url><loc>${escapeXml(u.loc)}</loc>${lastmod(u.lastmod)}</url>`);
  return `${head}<urlset xmlns="${SITEMAP_NS}">${entries.join('')}</urlset>\n`;
}

/** A Google News sitemap: sitemaps.org `<url>`s, each with its `<news:news>`. */
export function newsSitemap(publication: { name: string; language: string }, items: NewsEntry[]): string {
  const pub = `<news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${escapeXml(publication.language)}</news:language></news:publication>`;
  const entries = items.map(
    (i) =>
      `<url><loc>${escapeXml(i.loc)}</loc><news:news>${pub}` +
      `<news:publication_date>${i.published.toISOString()}</news:publication_date>` +
      `<news:title>${escapeXml(i.title)}</news:title>` +
      `${i.keywords.length ? `<news:keywords>${escapeXml(i.keywords.join(', '))}</news:keywords>` : ''}</news:news></url>`,
  );
  return `${head}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">${entries.join('')}</urlset>\n`;
}

const lastmod = (at?: Date): string => (at ? `<lastmod>${at.toISOString()}</lastmod>` : '');
