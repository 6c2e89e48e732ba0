import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseInput } from '@broadsheet/contracts';
import { searchQuerySchema } from './dto';
import { z } from 'zod';
import { SearchResponse, searchReplySchema } from './search.reply';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({ summary: 'Typo-tolerant search with highlighted headline and summary, and facet counts' })
  @ApiOkResponse({ schema: z.toJSONSchema(searchReplySchema) as object })
  search(@Query() raw: Record<string, unknown>): Promise<SearchResponse> {
    return this.searchService.search(parseInput(searchQuerySchema, raw, 'query'));
  }
}
