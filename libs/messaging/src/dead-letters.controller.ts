import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { deadLettersReplySchema, replayReplySchema } from './admin.reply';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '@broadsheet/observability';
import type { AuthenticatedRequest } from '@broadsheet/auth';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { DeadLetter } from './dead-letter';
import { listDeadLettersSchema, replayDeadLettersSchema, ReplayResult } from './dead-letters.dto';
import { DeadLetters } from './dead-letters.service';

/** Admin routes over this service's dead letters; every consuming service mounts them (admin-role JWT). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/dlq')
@UseGuards(JwtGuard)
@RequireRoles('admin')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @ApiOperation({ summary: "This service's dead letters (the most recent `limit`), with the error and replay state" })
  @ApiZodQuery(listDeadLettersSchema)
  @ApiOkResponse({ description: 'The dead letters and their count.', schema: deadLettersReplySchema })
  @ApiErrors(400, 401, 403, 404)
  list(@Query() raw: Record<string, unknown>): Promise<{ items: DeadLetter[]; total: number }> {
    return this.deadLetters.list(parseInput(listDeadLettersSchema, raw, 'query'));
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Runs dead letters through the handler again; one already replayed is skipped' })
  @ApiZodBody(replayDeadLettersSchema, 'Which dead letters to replay: `offsets` or `all: true`.')
  @ApiOkResponse({ description: 'What came of each selected dead letter.', schema: replayReplySchema })
  @ApiErrors(400, 401, 403, 404)
  replay(@Body() body: unknown, @Req() req: AuthenticatedRequest): Promise<{ results: ReplayResult[] }> {
    return this.deadLetters.replay(parseInput(replayDeadLettersSchema, body ?? {}, 'body'), req.principal.sub);
  }
}
