import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { ApiErrors, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';
import { RebuildProgress } from './rebuild';
import { Rebuilds } from './rebuilds';

const rebuildPathSchema = z.object({ id: z.string().describe('The rebuild id `POST /v1/admin/rebuild` answered.') });

const progressSchema = replyJsonSchema(
  z.object({
    id: z.string(),
    state: z.enum(['replaying', 'switching', 'catching_up', 'done', 'failed']),
    collection: z.string().describe('The fresh collection that becomes `articles` at the switch.'),
    total: z.number().int().describe('Content-log messages to replay.'),
    read: z.number().int().describe('Replayed so far.'),
    articles: z.number().int().describe('Articles in the read model once done.'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  }),
);

/** Rebuilds delivery's read model from the content log (admin-role JWT); `npm run admin -- rebuild delivery`. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/rebuild')
@UseGuards(JwtGuard)
@RequireRoles('admin')
export class RebuildController {
  constructor(private readonly rebuilds: Rebuilds) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Starts a rebuild: replay into a fresh collection, switch over, catch up' })
  @ApiAcceptedResponse({ description: 'The rebuild, just started.', schema: progressSchema })
  @ApiErrors(401, 403, 409)
  start(): Promise<RebuildProgress> {
    return this.rebuilds.start();
  }

  @Get(':id')
  @ApiZodParams(rebuildPathSchema)
  @ApiOperation({ summary: "A rebuild's progress (from the store: any replica answers)" })
  @ApiOkResponse({ description: 'Where the rebuild is.', schema: progressSchema })
  @ApiErrors(401, 403, 404)
  progress(@Param('id') id: string): Promise<RebuildProgress> {
    return this.rebuilds.progress(id);
  }
}
