import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { parseInput } from '@broadsheet/contracts';
import { searchQuerySchema } from './dto';
import { SearchResponse, searchReplySchema } from './search.reply';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({ summary: 'Typo-tolerant search with highlighted headline and summary, and facet counts' })
  @ApiZodQuery(searchQuerySchema)
  @ApiOkResponse({ description: 'One page of hits with facet counts.', schema: replyJsonSchema(searchReplySchema) })
  @ApiErrors(400)
  search(@Query() raw: Record<string, unknown>): Promise<SearchResponse> {
    return this.searchService.search(parseInput(searchQuerySchema, raw, 'query'));
  }
}
