import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { decodePageKey, DomainError, encodePageKey, ErrorCodes, parseInput } from '@broadsheet/contracts';
import { z } from 'zod';
import {
  ArticleListReply,
  articleListReplySchema,
  ArticleReply,
  articleReplySchema,
  toArticleReply,
} from './article.reply';
import { ArticlesService } from './articles.service';
import { listQuerySchema, publishBodySchema } from './dto';
import { Action } from './workflow';

const articleJsonSchema = z.toJSONSchema(articleReplySchema) as object;

@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @ApiOperation({ summary: 'The desk list: filter by status and category, newest change first, cursor paging' })
  @ApiOkResponse({ schema: z.toJSONSchema(articleListReplySchema) as object })
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
  @ApiOkResponse({ schema: articleJsonSchema })
  async get(@Param('id') id: string): Promise<ArticleReply> {
    return toArticleReply(await this.articles.get(id));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ schema: articleJsonSchema })
  @RequireRoles('writer', 'editor', 'admin')
  submit(@Param('id') id: string): Promise<ArticleReply> {
    return this.act(id, 'submit');
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ schema: articleJsonSchema })
  @RequireRoles('editor', 'admin')
  @ApiOperation({ summary: 'Publish now: the article goes to the content log with a new version' })
  publish(@Param('id') id: string, @Body() body: unknown): Promise<ArticleReply> {
    const input = parseInput(publishBodySchema, body ?? {}, 'body');
    if (input.publishAt || input.embargoUntil) {
      // Scheduling needs the scheduler (a later issue); refusing beats publishing now by surprise.
      throw new DomainError(ErrorCodes.ValidationFailed, 'scheduled publishing is not available yet', [
        {
          path: input.publishAt ? 'publishAt' : 'embargoUntil',
          message: 'scheduling is not supported by this version',
        },
      ]);
    }
    return this.act(id, 'publish');
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOkResponse({ schema: articleJsonSchema })
  @RequireRoles('editor', 'admin')
  unpublish(@Param('id') id: string): Promise<ArticleReply> {
    return this.act(id, 'unpublish');
  }

  @Post(':id/kill')
  @HttpCode(200)
  @ApiOkResponse({ schema: articleJsonSchema })
  @RequireRoles('editor', 'admin')
  @ApiOperation({ summary: 'Legal takedown: the article vanishes from every reader surface' })
  kill(@Param('id') id: string): Promise<ArticleReply> {
    return this.act(id, 'kill');
  }

  private async act(id: string, action: Action): Promise<ArticleReply> {
    return toArticleReply(await this.articles.act(id, action));
  }
}
