import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG, ApiErrors } from '@broadsheet/observability';
import type { Request, Response } from 'express';
import { ArticleReads } from '../articles/article-reads';
import { ReadModelRepository } from '../articles/read-model.repository';
import { HotCache } from '../cache/hot-cache';
import type { DeliveryConfig } from '../config';
import { CachePolicies, textContent } from '../http/cache-control';
import { represent, Representation, sendConditional } from '../http/conditional';
import { newsSitemap, sitemapIndex, urlSet } from './sitemap-xml';

const XML = 'application/xml; charset=utf-8';
/** Google News reads the last two days, at most 1,000 URLs. */
const NEWS_WINDOW_MS = 48 * 3_600_000;
const NEWS_MAX = 1_000;

/** `/sitemap.xml` (an index of pages of at most SITEMAP_PAGE_SIZE URLs), `/news-sitemap.xml`, `/robots.txt`. */
@ApiTags('feeds')
@ApiErrors(429)
@Controller()
export class SitemapsController {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly reads: ArticleReads,
    private readonly cache: HotCache,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  @Get('sitemap.xml')
  @ApiOperation({ summary: 'Sitemap index: the site pages and every article page of the sitemap' })
  @ApiResponse({ status: 200, description: 'A sitemaps.org 0.9 sitemap index.', content: textContent(XML) })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag or date sent.' })
  @ApiErrors()
  async index(@Req() req: Request, @Res() res: Response): Promise<void> {
    const rep = await this.cache.get('sitemap:index', async () => {
      const pages = Math.ceil((await this.readModel.countPublished()) / this.config.SITEMAP_PAGE_SIZE);
      const entries = [
        { loc: this.url('/sitemaps/pages.xml') },
        ...Array.from({ length: pages }, (_, i) => ({ loc: this.url(`/sitemaps/articles-${i + 1}.xml`) })),
      ];
      return represent(sitemapIndex(entries), XML, new Date());
    });
    sendConditional(req, res, rep, CachePolicies.feed);
  }

  @Get('sitemaps/:file')
  @ApiOperation({ summary: 'One sitemap page: `pages.xml` or `articles-<n>.xml`' })
  @ApiParam({ name: 'file', example: 'articles-1.xml', description: '`pages.xml`, or `articles-<n>.xml` from 1.' })
  @ApiResponse({ status: 200, description: 'A sitemaps.org 0.9 urlset.', content: textContent(XML) })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag or date sent.' })
  @ApiErrors(404)
  async page(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const n = /^articles-([1-9][0-9]{0,5})\.xml$/.exec(file)?.[1];
    if (file !== 'pages.xml' && !n) throw new DomainError(ErrorCodes.NotFound, `no sitemap "${file}"`);
    const rep = await this.cache.get(`sitemap:${file}`, () => (n ? this.articlesPage(Number(n)) : this.sitePages()));
    if (!rep) throw new DomainError(ErrorCodes.NotFound, `no sitemap "${file}"`);
    sendConditional(req, res, rep, CachePolicies.feed);
  }

  @Get('news-sitemap.xml')
  @ApiOperation({ summary: 'Google News sitemap: stories published in the last 48 hours' })
  @ApiResponse({ status: 200, description: 'A sitemap with Google News entries.', content: textContent(XML) })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag or date sent.' })
  @ApiErrors()
  async news(@Req() req: Request, @Res() res: Response): Promise<void> {
    const rep = await this.cache.get('sitemap:news', async () => {
      const recent = await this.readModel.publishedSince(new Date(Date.now() - NEWS_WINDOW_MS), NEWS_MAX);
      const xml = newsSitemap(
        { name: this.config.SITE_NAME, language: this.config.SITE_LANGUAGE },
        recent.map((a) => ({
          loc: this.articleUrl(a.slug),
          title: a.headline,
          published: a.publishedAt,
          keywords: a.tags,
        })),
      );
      return represent(xml, XML, new Date(Math.max(0, ...recent.map((a) => a.updatedAt.getTime()))));
    });
    sendConditional(req, res, rep, CachePolicies.list);
  }

  @Get('robots.txt')
  @ApiExcludeEndpoint()
  robots(@Res() res: Response): void {
    const lines = ['User-agent: *', 'Allow: /', 'Disallow: /search', 'Disallow: /v1/', ''];
    lines.push(`Sitemap: ${this.url('/sitemap.xml')}`, `Sitemap: ${this.url('/news-sitemap.xml')}`, '');
    res.setHeader('Cache-Control', CachePolicies.asset);
    res.type('text/plain; charset=utf-8').send(lines.join('\n'));
  }

  private async articlesPage(n: number): Promise<Representation | undefined> {
    const entries = await this.readModel.sitemapPage(n, this.config.SITEMAP_PAGE_SIZE);
    if (!entries.length) return undefined;
    const xml = urlSet(entries.map((e) => ({ loc: this.articleUrl(e.slug), lastmod: e.updatedAt })));
    return represent(xml, XML, new Date(Math.max(...entries.map((e) => e.updatedAt.getTime()))));
  }

  private async sitePages(): Promise<Representation> {
    const categories = await this.reads.categories();
    const xml = urlSet([
      { loc: this.url('/') },
      ...categories.map((c) => ({ loc: this.url(`/category/${encodeURIComponent(c.slug)}`) })),
    ]);
    return represent(xml, XML, new Date());
  }

  private url(path: string): string {
    return `${this.config.SITE_URL}${path}`;
  }

  private articleUrl(slug: string): string {
    return this.url(`/articles/${encodeURIComponent(slug)}`);
  }
}
