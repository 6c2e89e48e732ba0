import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { decodePageKey, DomainError, encodePageKey, ErrorCodes, parseInput } from '@broadsheet/contracts';
import type { Request, Response } from 'express';
import { pageQuerySchema } from './dto';
import { ArticleSummaryReply, toArticleReply, toArticleSummaryReply } from './article.reply';
import { ReadModelRepository } from './read-model.repository';

@ApiTags('articles')
@Controller('v1')
export class ArticlesController {
  constructor(private readonly readModel: ReadModelRepository) {}

  @Get('articles')
  @ApiOperation({ summary: 'Published articles, newest first, by category or tag, cursor paging' })
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
  async get(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
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
  categories(): Promise<Array<{ slug: string; label: string; count: number }>> {
    return this.readModel.categories();
  }
}
