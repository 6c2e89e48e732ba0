import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { ApiErrors, replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';
import { IndexStatus, IndexStatusReader } from './index-status';

const statusSchema = z.object({
  index: z.string().describe('The live index uid (the one delivery searches).'),
  documents: z
    .number()
    .int()
    .describe('Documents it holds, the tombstones of unpublished and killed stories included.'),
  searchable: z.number().int().describe('Documents readers can find (published stories).'),
  isIndexing: z.boolean().describe('Meilisearch is applying writes to it right now.'),
  settingsVersion: z.string().nullable().describe('Its settings version; null when its settings are not the code’s.'),
  codeSettingsVersion: z.string().describe('The settings version of the running code.'),
  partitions: z
    .array(
      z.object({
        partition: z.number().int(),
        nextOffset: z.string().describe('Next offset to apply: the last applied offset plus one.'),
        endOffset: z.string().describe('The partition’s end offset.'),
        lag: z.number().int().describe('Messages not applied yet.'),
      }),
    )
    .describe('The live consumer group on each partition of the content log.'),
  reindex: z.object({ id: z.string(), state: z.string() }).nullable().describe('The running reindex, if any.'),
});

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/index')
@UseGuards(JwtGuard)
@RequireRoles('admin')
export class IndexStatusController {
  constructor(private readonly status: IndexStatusReader) {}

  @Get()
  @ApiOperation({ summary: 'The live index: its documents, settings version and last applied offset per partition' })
  @ApiOkResponse({ description: 'The live index now.', schema: replyJsonSchema(statusSchema) })
  @ApiErrors(401, 403)
  read(): Promise<IndexStatus> {
    return this.status.read();
  }
}
