import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { parseInput } from '@broadsheet/contracts';
import { z } from 'zod';
import { articleSummaryReplySchema, ArticleSummaryReply, toArticleSummaryReply } from '../articles/article.reply';
import { trendingQuerySchema } from '../articles/dto';
import { TrendingService } from './trending.service';

const trendingReplySchema = z.object({
  items: z.array(
    articleSummaryReplySchema.extend({
      views: z.number().int().describe('Reads counted in the last 24 hours (article pages and API).'),
    }),
  ),
});

@ApiTags('articles')
@ApiErrors(429)
@Controller('v1')
export class TrendingController {
  constructor(private readonly trending: TrendingService) {}

  @Get('trending')
  @ApiOperation({ summary: 'Most read published stories of the last 24 hours, most read first' })
  @ApiZodQuery(trendingQuerySchema)
  @ApiOkResponse({ description: 'The most read stories.', schema: replyJsonSchema(trendingReplySchema) })
  @ApiErrors(400)
  async list(
    @Query() raw: Record<string, unknown>,
  ): Promise<{ items: Array<ArticleSummaryReply & { views: number }> }> {
    const { limit } = parseInput(trendingQuerySchema, raw, 'query');
    const top = await this.trending.top(limit);
    return { items: top.map((t) => ({ ...toArticleSummaryReply(t.article), views: t.views })) };
  }
}
