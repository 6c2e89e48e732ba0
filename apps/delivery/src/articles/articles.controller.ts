import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodParams, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';
import { decodePageKey, DomainError, encodePageKey, ErrorCodes, parseInput } from '@broadsheet/contracts';
import type { Request, Response } from 'express';
import { pageQuerySchema, slugPathSchema } from './dto';
import {
  articleReplySchema,
  ArticleSummaryReply,
  articleSummaryReplySchema,
  toArticleReply,
  toArticleSummaryReply,
} from './article.reply';
import { ReadModelRepository } from './read-model.repository';

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

@ApiTags('articles')
@Controller('v1')
export class ArticlesController {
  constructor(private readonly readModel: ReadModelRepository) {}

  @Get('articles')
  @ApiOperation({ summary: 'Published articles, newest first, by category or tag, cursor paging' })
  @ApiZodQuery(pageQuerySchema)
  @ApiOkResponse({ description: 'One page of articles.', schema: replyJsonSchema(articlePageSchema) })
  @ApiErrors(400)
  async list(
    @Query() raw: Record<string, unknown>,
  ): Promise<{ items: ArticleSummaryReply[]; nextCursor: string | null }> {
    const q = parseInput(pageQuerySchema, raw, 'query');
    const items = await this.readModel.listPublished({
      ...q,
      after: q.cursor ? decodePageKey(q.cursor) : undefined,
    });
    const last = items.length === q.limit ? items.at(-1) : undefined;
    return {
      items: items.map(toArticleSummaryReply),
      nextCursor: last ? encodePageKey({ at: last.publishedAt, id: last.id }) : null,
    };
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'One article by slug; ETag and 304, 410 once unpublished or killed' })
  @ApiZodParams(slugPathSchema)
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag held; 304 when still current.' })
  @ApiOkResponse({ description: 'The article, with its ETag.', schema: replyJsonSchema(articleReplySchema) })
  @ApiResponse({ status: 304, description: 'Not modified: the ETag sent is still current.' })
  @ApiErrors(404, 410)
  async get(@Param() params: Record<string, string>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { slug } = parseInput(slugPathSchema, params, 'path');
    const article = await this.readModel.findBySlug(slug);
    if (!article) throw new DomainError(ErrorCodes.NotFound, `no article at "${slug}"`);
    if (article.status !== 'published') throw new DomainError(ErrorCodes.Gone, 'this article is no longer available');
    const etag = `"v${article.version}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=30');
    if (req.header('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.json(toArticleReply(article));
  }

  @Get('categories')
  @ApiOperation({ summary: 'Categories with published articles, and how many each has' })
  @ApiOkResponse({
    description: 'Every category with published articles.',
    schema: replyJsonSchema(categoriesReplySchema),
  })
  @ApiErrors()
  categories(): Promise<Array<{ slug: string; label: string; count: number }>> {
    return this.readModel.categories();
  }
}
