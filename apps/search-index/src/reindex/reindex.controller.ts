import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { ApiErrors, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { ReindexProgress } from './reindex-progress';
import { reindexIdSchema, reindexReplySchema } from './reindex.reply';
import { ReindexService } from './reindex.service';

const progressSchema = replyJsonSchema(reindexReplySchema);

/** Rebuilds the index from the content log with no downtime (admin-role JWT). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/reindex')
@UseGuards(JwtGuard)
@RequireRoles('admin')
export class ReindexController {
  constructor(private readonly reindex: ReindexService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Builds a new index from the content log with the current settings, then swaps it in' })
  @ApiResponse({ status: 202, description: 'Started; follow it at GET /v1/admin/reindex/:id.', schema: progressSchema })
  @ApiErrors(401, 403, 409)
  start(): ReindexProgress {
    return this.reindex.start();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress of a reindex: events read, documents indexed, lag, state, rate, expected end' })
  @ApiZodParams(reindexIdSchema)
  @ApiOkResponse({ description: 'Where the reindex is.', schema: progressSchema })
  @ApiErrors(400, 401, 403, 404)
  progress(@Param() params: Record<string, string>): ReindexProgress {
    return this.reindex.progress(parseInput(reindexIdSchema, params, 'path').id);
  }
}
