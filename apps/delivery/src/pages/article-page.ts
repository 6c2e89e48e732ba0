import { Injectable } from '@nestjs/common';
import { ArticleReads } from '../articles/article-reads';
import type { ReadArticle } from '../articles/read-model.repository';
import { PageRenderer } from './renderer';
import { articleView, cardView } from './view-models';

const RELATED = 5;

/** The article page's HTML: the story, its corrections, related stories, JSON-LD and OpenGraph. */
@Injectable()
export class ArticlePage {
  constructor(
    private readonly reads: ArticleReads,
    private readonly renderer: PageRenderer,
  ) {}

  async html(article: ReadArticle): Promise<string> {
    const related = await this.reads.related(article, RELATED);
    const path = `/articles/${encodeURIComponent(article.slug)}`;
    const view = articleView(article);
    return this.renderer.render(
      'article',
      {
        title: `${article.headline} — ${this.renderer.siteName}`,
        canonicalPath: path,
        description: view.summary,
        current: article.category,
        openGraph: this.openGraph(article, path),
        jsonLd: this.jsonLd(article, path),
      },
      { a: view, related: related.map((r) => cardView(r, 3)), ads: this.renderer.ads('article') },
    );
  }

  private openGraph(a: ReadArticle, path: string): Array<[string, string]> {
    const og: Array<[string, string]> = [
      ['og:type', 'article'],
      ['og:site_name', this.renderer.siteName],
      ['og:title', a.headline],
      ['og:url', this.renderer.absolute(path)],
      ['article:published_time', a.publishedAt.toISOString()],
      ['article:modified_time', a.updatedAt.toISOString()],
      ['article:section', a.categoryLabel],
      ...a.tags.map((t): [string, string] => ['article:tag', t]),
    ];
    if (a.summary) og.push(['og:description', a.summary]);
    for (const img of a.images.slice(0, 1)) og.push(['og:image', img.url], ['og:image:alt', img.alt ?? a.headline]);
    return og;
  }

  /** schema.org NewsArticle, as search engines read it. */
  private jsonLd(a: ReadArticle, path: string): object {
    return {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: a.headline,
      description: a.summary,
      url: this.renderer.absolute(path),
      mainEntityOfPage: { '@type': 'WebPage', '@id': this.renderer.absolute(path) },
      datePublished: a.publishedAt.toISOString(),
      dateModified: a.updatedAt.toISOString(),
      author: a.bylines.map((name) => ({ '@type': 'Person', name })),
      image: a.images.map((i) => i.url),
      articleSection: a.categoryLabel,
      keywords: a.tags,
      inLanguage: a.language,
      publisher: { '@type': 'Organization', name: this.renderer.siteName, url: this.renderer.absolute('/') },
      ...(a.corrections?.length
        ? {
            correction: a.corrections.map((c) => ({
              '@type': 'CorrectionComment',
              text: c.note,
              datePublished: c.at.toISOString(),
            })),
          }
        : {}),
    };
  }
}
