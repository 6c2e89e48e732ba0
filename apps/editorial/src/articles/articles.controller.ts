import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, ApiZodParams, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { decodePageKey, encodePageKey, parseInput } from '@broadsheet/contracts';
import {
  ArticleListReply,
  articleListReplySchema,
  ArticleReply,
  articleReplySchema,
  toArticleReply,
} from './article.reply';
import { ArticlesService } from './articles.service';
import { idPathSchema, listQuerySchema, publishBodySchema } from './dto';
import { Action } from './workflow';

const articleJsonSchema = replyJsonSchema(articleReplySchema);

function articleId(params: Record<string, string>): string {
  return parseInput(idPathSchema, params, 'path').id;
}

@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @ApiOperation({ summary: 'The desk list: filter by status and category, newest change first, cursor paging' })
  @ApiZodQuery(listQuerySchema)
  @ApiOkResponse({ description: 'One page of the desk list.', schema: replyJsonSchema(articleListReplySchema) })
  @ApiErrors(400, 401)
  async list(@Query() raw: Record<string, unknown>): Promise<ArticleListReply> {
    const q = parseInput(listQuerySchema, raw, 'query');
    const items = await this.articles.list({ ...q, after: q.cursor ? decodePageKey(q.cursor) : undefined });
    const last = items.length === q.limit ? items.at(-1) : undefined;
    return {
      items: items.map(toArticleReply),
      nextCursor: last ? encodePageKey({ at: last.updatedAt, id: last.id }) : null,
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article as the desk sees it, in any state' })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The article as it is now.', schema: articleJsonSchema })
  @ApiErrors(401, 404)
  async get(@Param() params: Record<string, string>): Promise<ArticleReply> {
    return toArticleReply(await this.articles.get(articleId(params)));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a draft to review' })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The article as it is now.', schema: articleJsonSchema })
  @ApiErrors(401, 403, 404, 409)
  @RequireRoles('writer', 'editor', 'admin')
  submit(@Param() params: Record<string, string>): Promise<ArticleReply> {
    return this.act(articleId(params), 'submit');
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The article as it is now.', schema: articleJsonSchema })
  @ApiErrors(401, 403, 404, 409)
  @RequireRoles('editor', 'admin')
  @ApiOperation({ summary: 'Publish now: the article goes to the content log with a new version' })
  @ApiZodBody(publishBodySchema, 'Optional; scheduling fields are refused until the scheduler exists.', false)
  publish(@Param() params: Record<string, string>, @Body() body: unknown): Promise<ArticleReply> {
    parseInput(publishBodySchema, body ?? {}, 'body');
    return this.act(articleId(params), 'publish');
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a published article off every reader surface; it can come back' })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The article as it is now.', schema: articleJsonSchema })
  @ApiErrors(401, 403, 404, 409)
  @RequireRoles('editor', 'admin')
  unpublish(@Param() params: Record<string, string>): Promise<ArticleReply> {
    return this.act(articleId(params), 'unpublish');
  }

  @Post(':id/kill')
  @HttpCode(200)
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The article as it is now.', schema: articleJsonSchema })
  @ApiErrors(401, 403, 404, 409)
  @RequireRoles('editor', 'admin')
  @ApiOperation({ summary: 'Legal takedown: the article vanishes from every reader surface' })
  kill(@Param() params: Record<string, string>): Promise<ArticleReply> {
    return this.act(articleId(params), 'kill');
  }

  private async act(id: string, action: Action): Promise<ArticleReply> {
    return toArticleReply(await this.articles.act(id, action));
  }
}
