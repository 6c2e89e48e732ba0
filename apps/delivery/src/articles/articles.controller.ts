import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodParams, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';
import { decodePageKey, DomainError, ErrorCodes, parseInput } from '@broadsheet/contracts';
import type { Request, Response } from 'express';
import { CachePolicies } from '../http/cache-control';
import { JSON_TYPE, sendBytes } from '../http/send-bytes';
import { ViewCounter } from '../trending/view-counter';
import { pageQuerySchema, slugPathSchema } from './dto';
import { articleReplySchema, articleSummaryReplySchema } from './article.reply';
import { ArticleReads } from './article-reads';
import { sendVisibleArticle } from './hot-article';

const articlePageSchema = z.object({
  items: z.array(articleSummaryReplySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one.'),
});

const categoriesReplySchema = z.array(
  z.object({
    slug: z.string().describe('Category slug, for `category=` and `/category/:slug`.'),
    label: z.string().describe('Category name as printed.'),
    count: z.number().int().describe('Published articles in it.'),
  }),
);

const json = (res: Response, body: Buffer): void => sendBytes(res, 200, JSON_TYPE, body);

@ApiTags('articles')
@ApiErrors(429)
@Controller('v1')
export class ArticlesController {
  constructor(
    private readonly reads: ArticleReads,
    private readonly views: ViewCounter,
  ) {}

  @Get('articles')
  @ApiOperation({ summary: 'Published articles, newest first, by category, tag or author, cursor paging' })
  @ApiZodQuery(pageQuerySchema)
  @ApiOkResponse({ description: 'One page of articles.', schema: replyJsonSchema(articlePageSchema) })
  @ApiErrors(400)
  async list(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { cursor, ...q } = parseInput(pageQuerySchema, raw, 'query');
    const page = await this.reads.latestJson({ ...q, after: cursor ? decodePageKey(cursor) : undefined });
    res.setHeader('Cache-Control', CachePolicies.list);
    json(res, page);
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'One article by slug; ETag and 304, 301 from an old slug, 410 once unpublished or killed' })
  @ApiZodParams(slugPathSchema)
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag held; 304 when still current.' })
  @ApiOkResponse({ description: 'The article, with its ETag.', schema: replyJsonSchema(articleReplySchema) })
  @ApiResponse({ status: 301, description: 'The article moved to a new slug: `Location` names it.' })
  @ApiResponse({ status: 304, description: 'Not modified: the ETag sent is still current.' })
  @ApiErrors(404, 410)
  async get(@Param() params: Record<string, string>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { slug } = parseInput(slugPathSchema, params, 'path');
    const answer = await this.reads.bySlug(slug);
    if (answer.kind === 'moved') {
      res.setHeader('Cache-Control', CachePolicies.article);
      res.redirect(301, `/v1/articles/${encodeURIComponent(answer.to)}`);
      return;
    }
    if (answer.kind === 'missing') throw new DomainError(ErrorCodes.NotFound, `no article at "${slug}"`);
    if (answer.kind === 'gone') throw new DomainError(ErrorCodes.Gone, 'this article is no longer available');
    sendVisibleArticle(req, res, answer, this.views);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Categories with published articles, and how many each has' })
  @ApiOkResponse({
    description: 'Every category with published articles.',
    schema: replyJsonSchema(categoriesReplySchema),
  })
  @ApiErrors()
  categories(): Promise<Array<{ slug: string; label: string; count: number }>> {
    return this.reads.categories();
  }
}
