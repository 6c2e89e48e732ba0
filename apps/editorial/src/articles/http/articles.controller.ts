import { Controller, Get, Param, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodParams, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { JwtGuard } from '@broadsheet/auth';
import { decodePageKey, encodePageKey, parseInput } from '@broadsheet/contracts';
import { Article } from '../domain/article';
import { ReadArticlesUseCase } from '../usecases/read-articles';
import { ArticleListReply, articleListReplySchema, articleReplySchema, toArticleReply } from './article.reply';
import { idPathSchema, listQuerySchema } from './dto';
import { RevisionTagged } from './article-target';

/** The desk's list and one article, for every role. */
@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly read: ReadArticlesUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'The desk list: filter by status, category, author, text and date; newest first, cursor paging',
  })
  @ApiZodQuery(listQuerySchema)
  @ApiOkResponse({ description: 'One page of the desk list.', schema: replyJsonSchema(articleListReplySchema) })
  @ApiErrors(400, 401)
  async list(@Query() raw: Record<string, unknown>): Promise<ArticleListReply> {
    const q = parseInput(listQuerySchema, raw, 'query');
    const { q: text, cursor, ...filters } = q;
    const items = await this.read.list({ ...filters, text, after: cursor ? decodePageKey(cursor) : undefined });
    const last = items.length === q.limit ? items.at(-1) : undefined;
    return {
      items: items.map(toArticleReply),
      nextCursor: last ? encodePageKey({ at: last.updatedAt, id: last.id }) : null,
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article as the desk sees it, in any state; its ETag is the revision for If-Match' })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The article as it is now.', schema: replyJsonSchema(articleReplySchema) })
  @ApiErrors(401, 404)
  @UseInterceptors(RevisionTagged)
  get(@Param() params: Record<string, string>): Promise<Article> {
    return this.read.get(parseInput(idPathSchema, params, 'path').id);
  }
}
