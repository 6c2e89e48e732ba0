import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@broadsheet/observability';
import { Eta } from 'eta';
import { ArticleReads } from '../articles/article-reads';
import type { DeliveryConfig } from '../config';
import type { AdSlot, PageType } from '../site/site-settings';
import { adTemplate, cardTemplate, layoutTemplate, trendingTemplate } from './templates/layout';
import { articleTemplate, frontTemplate, listTemplate, problemTemplate } from './templates/pages';
import { searchTemplate } from './templates/search';

/** What every page says about itself; the renderer adds the site around it. */
export interface PageMeta {
  title: string;
  /** Path of the page's canonical URL, made absolute on SITE_URL. */
  canonicalPath?: string;
  description?: string;
  noindex?: boolean;
  openGraph?: Array<[string, string]>;
  jsonLd?: object;
  /** Category slug (or 'front') marked as current in the navigation. */
  current?: string;
  query?: string;
  /** A feed of this page's own stories, listed before the site's. */
  feed?: { title: string; path: string };
}

export type TemplateName = 'front' | 'list' | 'article' | 'search' | 'problem';

/**
 * Eta renders the pages: small, maintained, no dependencies, and escaping every `<%= %>` by default, so
 * only the few fragments that are HTML by construction (the cleaned body, search highlights, JSON-LD)
 * are written raw with `<%~ %>`. Templates live in TypeScript modules so they ship inside dist/.
 */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({ autoEscape: true, cache: true, autoTrim: false });

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly reads: ArticleReads,
  ) {
    const templates = { layout: layoutTemplate, ad: adTemplate, card: cardTemplate, trending: trendingTemplate };
    const pages = { front: frontTemplate, list: listTemplate, article: articleTemplate, search: searchTemplate };
    for (const [name, text] of Object.entries({ ...templates, ...pages, problem: problemTemplate }))
      this.eta.loadTemplate(`@${name}`, text);
  }

  get siteName(): string {
    return this.config.SITE_NAME;
  }

  absolute(path: string): string {
    return `${this.config.SITE_URL}${path}`;
  }

  ads(page: PageType): { top: AdSlot[]; aside: AdSlot[] } {
    const slots = this.config.AD_SLOTS[page] ?? [];
    return { top: slots.filter((s) => s.place === 'top'), aside: slots.filter((s) => s.place === 'aside') };
  }

  async render(template: TemplateName, meta: PageMeta, data: object): Promise<string> {
    const categories = await this.reads.categories();
    const feeds = [
      ...(meta.feed ? [{ type: 'application/rss+xml', title: meta.feed.title, href: meta.feed.path }] : []),
      { type: 'application/rss+xml', title: 'Latest news (RSS)', href: '/feeds/latest.rss' },
      { type: 'application/atom+xml', title: 'Latest news (Atom)', href: '/feeds/latest.atom' },
      { type: 'application/feed+json', title: 'Latest news (JSON Feed)', href: '/feeds/latest.json' },
    ];
    return this.eta.render(`@${template}`, {
      ...data,
      lang: this.config.SITE_LANGUAGE,
      site: { name: this.config.SITE_NAME, social: this.config.SOCIAL_LINKS },
      year: new Date().getUTCFullYear(),
      categories,
      feeds,
      title: meta.title,
      canonical: meta.canonicalPath ? this.absolute(meta.canonicalPath) : undefined,
      description: meta.description,
      noindex: meta.noindex,
      openGraph: meta.openGraph,
      jsonLd: meta.jsonLd ? scriptSafeJson(meta.jsonLd) : undefined,
      current: meta.current,
      query: meta.query,
    });
  }
}

/** JSON inside a <script> block: no "<" may close it early, and the line separators JS once refused are escaped. */
export function scriptSafeJson(value: object): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
