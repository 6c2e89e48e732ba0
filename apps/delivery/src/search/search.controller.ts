import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { DomainError, ErrorCodes, parseInput } from '@broadsheet/contracts';
import { searchQuerySchema } from './dto';
import { SearchResponse, searchReplySchema } from './search.reply';
import { SearchService } from './search.service';

const retryAfterSeconds = '5';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({ summary: 'Typo-tolerant search with highlighted headline and summary, and facet counts' })
  @ApiZodQuery(searchQuerySchema)
  @ApiOkResponse({ description: 'One page of hits with facet counts.', schema: replyJsonSchema(searchReplySchema) })
  @ApiErrors(400, 503)
  async search(
    @Query() raw: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SearchResponse> {
    try {
      return await this.searchService.search(parseInput(searchQuerySchema, raw, 'query'));
    } catch (error) {
      // Meilisearch is down or busy: tell clients and caches when to come back.
      if (error instanceof DomainError && error.code === ErrorCodes.Unavailable)
        res.setHeader('Retry-After', retryAfterSeconds);
      throw error;
    }
  }
}
