import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, replyJsonSchema } from '@broadsheet/observability';
import { DomainError, ErrorCodes, parseInput } from '@broadsheet/contracts';
import { SourceProfiles } from '../sources/source-profiles';
import { ApiKeyGuard, SourceRequest } from '../submissions/api-key.guard';
import { BatchReply, batchReplySchema, toBatchReply } from './batch.reply';
import { BATCH_BODY_LIMIT, batchRequestSchema, limitBatch } from './batch.request';
import { BatchService } from './batch.service';

@ApiTags('submissions')
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@Controller('v1/submissions/batch')
export class BatchController {
  constructor(
    private readonly batch: BatchService,
    private readonly profiles: SourceProfiles,
  ) {}

  @Post()
  @HttpCode(207)
  @ApiOperation({
    summary: 'Submit up to 500 canonical JSON stories; 207 with one result per story',
    description: `The body may be up to ${BATCH_BODY_LIMIT} (other routes: 1 MB); a bigger one is a 413 naming the limit.`,
  })
  @ApiZodBody(batchRequestSchema, 'The stories; one invalid story is rejected in its own result, never its neighbours.')
  @ApiResponse({ status: 207, description: 'One result per story.', schema: replyJsonSchema(batchReplySchema) })
  @ApiErrors(400, 401, 413, 415)
  async submit(@Req() req: SourceRequest, @Body() body: unknown): Promise<BatchReply> {
    const type = req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new DomainError(ErrorCodes.UnsupportedMediaType, `unsupported Content-Type "${type ?? ''}"`, [
        { path: 'content-type', message: 'a batch is application/json' },
      ]);
    }
    const items = (body as { items?: unknown } | null)?.items;
    if (Array.isArray(items)) limitBatch(items.length, 'items');
    const parsed = parseInput(batchRequestSchema, body, 'body');
    const profile = await this.profiles.profileOf(req.source);
    return toBatchReply(await this.batch.submitAll(profile, parsed.items, 'batch'));
  }
}
