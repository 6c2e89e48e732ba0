import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { refusedOutboxReplySchema } from './admin.reply';
import { ApiErrors, ApiZodQuery } from '@broadsheet/observability';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { z } from 'zod';
import { RefusedOutbox, RefusedOutboxEntry } from './refused-outbox';

const listSchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(100)
    .describe('The most recently refused this many, 1 to 1000.'),
});

/** Admin route over the events Kafka refused for good; every service with an outbox mounts it (admin-role JWT). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/outbox/refused')
@UseGuards(JwtGuard)
@RequireRoles('admin')
export class RefusedOutboxController {
  constructor(private readonly refused: RefusedOutbox) {}

  @Get()
  @ApiOperation({
    summary: 'Events Kafka refused for good (e.g. too large), set aside instead of retried, newest first',
  })
  @ApiZodQuery(listSchema)
  @ApiOkResponse({ description: 'The refused events.', schema: refusedOutboxReplySchema })
  @ApiErrors(400, 401, 403)
  list(@Query() raw: Record<string, unknown>): Promise<{ items: RefusedOutboxEntry[] }> {
    return this.refused.list(parseInput(listSchema, raw, 'query').limit);
  }
}
