import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseInput } from '@broadsheet/contracts';
import { searchQuerySchema } from './dto';
import { SearchResponse, SearchService } from './search.service';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({ summary: 'Typo-tolerant search with highlighted headline and summary, and facet counts' })
  search(@Query() raw: Record<string, unknown>): Promise<SearchResponse> {
    return this.searchService.search(parseInput(searchQuerySchema, raw, 'query'));
  }
}
