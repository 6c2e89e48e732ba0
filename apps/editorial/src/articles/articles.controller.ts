import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { decodePageKey, DomainError, encodePageKey, ErrorCodes, parseInput } from '@broadsheet/contracts';
import { Article } from './articles.repository';
import { ArticlesService } from './articles.service';
import { listQuerySchema, publishBodySchema } from './dto';

@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @ApiOperation({ summary: 'The desk list: filter by status and category, newest change first, cursor paging' })
  async list(@Query() raw: Record<string, unknown>): Promise<{ items: Article[]; nextCursor: string | null }> {
    const q = parseInput(listQuerySchema, raw, 'query');
    const items = await this.articles.list({ ...q, after: q.cursor ? decodePageKey(q.cursor) : undefined });
    const last = items.length === q.limit ? items.at(-1) : undefined;
    return { items, nextCursor: last ? encodePageKey({ at: last.updatedAt, id: last.id }) : null };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Article> {
    return this.articles.get(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequireRoles('writer', 'editor', 'admin')
  submit(@Param('id') id: string): Promise<Article> {
    return this.articles.act(id, 'submit');
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequireRoles('editor', 'admin')
  @ApiOperation({ summary: 'Publish now: the article goes to the content log with a new version' })
  publish(@Param('id') id: string, @Body() body: unknown): Promise<Article> {
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
    return this.articles.act(id, 'publish');
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @RequireRoles('editor', 'admin')
  unpublish(@Param('id') id: string): Promise<Article> {
    return this.articles.act(id, 'unpublish');
  }

  @Post(':id/kill')
  @HttpCode(200)
  @RequireRoles('editor', 'admin')
  @ApiOperation({ summary: 'Legal takedown: the article vanishes from every reader surface' })
  kill(@Param('id') id: string): Promise<Article> {
    return this.articles.act(id, 'kill');
  }
}
