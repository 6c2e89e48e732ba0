import { applyDecorators, Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG, ApiErrors } from '@broadsheet/observability';
import type { Request, Response } from 'express';
import { ArticleReads } from '../articles/article-reads';
import { slugParam } from '../articles/dto';
import { HotCache } from '../cache/hot-cache';
import type { DeliveryConfig } from '../config';
import { CachePolicies, textContent } from '../http/cache-control';
import { represent, Representation, sendConditional } from '../http/conditional';
import { feedItem, FeedMeta, lastChange } from './feed-model';
import { FeedFormat, feedFormats, writeFeed } from './formats';

const FEED_ITEMS = 30;

/** How the OpenAPI document describes a feed route: its formats, conditional GET, 404. */
function ApiFeed(summary: string, example: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiParam({ name: 'file', example, description: 'The feed file: its name, then `.rss`, `.atom` or `.json`.' }),
    ApiResponse({
      status: 200,
      description: 'The feed, with ETag and Last-Modified.',
      content: textContent(...Object.values(feedFormats)),
    }),
    ApiResponse({ status: 304, description: 'Not modified since the ETag or date sent.' }),
    ApiErrors(404),
  );
}

/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest stories, overall and per category, with conditional GET. */
@ApiTags('feeds')
@ApiErrors(429)
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly reads: ArticleReads,
    private readonly cache: HotCache,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  @Get(':file')
  @ApiFeed('The latest stories: `latest.rss`, `latest.atom` or `latest.json` (JSON Feed 1.1)', 'latest.rss')
  async latest(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [name, format] = splitFile(file);
    if (name !== 'latest' || !format) throw new DomainError(ErrorCodes.NotFound, `no feed at "${file}"`);
    sendConditional(req, res, await this.feed(format), CachePolicies.feed);
  }

  @Get('category/:file')
  @ApiFeed("One category's latest stories: `<slug>.rss`, `<slug>.atom` or `<slug>.json`", 'politics.rss')
  async category(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [name, format] = splitFile(file);
    const slug = slugParam.safeParse(name);
    if (!format || !slug.success) throw new DomainError(ErrorCodes.NotFound, `no feed at "${file}"`);
    const known = (await this.reads.categories()).find((c) => c.slug === slug.data);
    if (!known) throw new DomainError(ErrorCodes.NotFound, `no category "${slug.data}" with published stories`);
    sendConditional(req, res, await this.feed(format, known), CachePolicies.feed);
  }

  private feed(format: FeedFormat, category?: { slug: string; label: string }): Promise<Representation> {
    return this.cache.get(`feed:${format}:${category?.slug ?? ''}`, async () => {
      const site = this.config.SITE_URL;
      const articles = await this.reads.latest({ category: category?.slug, limit: FEED_ITEMS }, true);
      const items = articles.map((a) => feedItem(a, site));
      const path = category ? `/feeds/category/${encodeURIComponent(category.slug)}` : '/feeds/latest';
      const meta: FeedMeta = {
        title: category ? `${this.config.SITE_NAME} — ${category.label}` : `${this.config.SITE_NAME} — Latest news`,
        description: category ? `The latest ${category.label} stories` : 'The latest stories',
        language: this.config.SITE_LANGUAGE,
        homeUrl: category ? `${site}/category/${encodeURIComponent(category.slug)}` : `${site}/`,
        selfBase: `${site}${path}`,
        siteName: this.config.SITE_NAME,
      };
      return represent(writeFeed[format](meta, items), feedFormats[format], lastChange(items));
    });
  }
}

/** `politics.rss` → ['politics', 'rss']; an unknown extension has no format. */
function splitFile(file: string): [string, FeedFormat | undefined] {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1);
  const format = dot > 0 && Object.hasOwn(feedFormats, ext) ? (ext as FeedFormat) : undefined;
  return [dot > 0 ? file.slice(0, dot) : file, format];
}
