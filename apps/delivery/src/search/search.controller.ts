import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { searchQuerySchema } from './dto';
import { answerSearch } from './hot-search';
import { searchReplySchema } from './search.reply';
import { SearchReads } from './search-reads';

/** The documented route; requests are answered by the same function ahead of the router (HotSearchMiddleware). */
@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly reads: SearchReads) {}

  @Get()
  @ApiOperation({ summary: 'Typo-tolerant search with highlighted headline and summary, and facet counts' })
  @ApiZodQuery(searchQuerySchema)
  @ApiOkResponse({ description: 'One page of hits with facet counts.', schema: replyJsonSchema(searchReplySchema) })
  @ApiErrors(400, 503)
  search(@Req() req: Request, @Res() res: Response): Promise<void> {
    return answerSearch(req, res, this.reads);
  }
}
