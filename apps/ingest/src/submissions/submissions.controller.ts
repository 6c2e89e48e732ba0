import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { parseInput } from '@broadsheet/contracts';
import type { Response } from 'express';
import { BatchReply, toBatchReply } from '../batch/batch.reply';
import { BatchService } from '../batch/batch.service';
import { limitBatch } from '../batch/batch.request';
import { formatOf, storiesOf } from '../formats/formats';
import { SourceProfiles } from '../sources/source-profiles';
import { ApiKeyGuard, SourceRequest } from './api-key.guard';
import { canonicalStorySchema } from './canonical.request';
import {
  submissionIdPathSchema,
  submissionReplySchema,
  SubmissionReply,
  submitReplySchema,
  toSubmissionReply,
} from './submission.reply';
import { SubmissionResult, SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@Controller('v1/submissions')
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly batch: BatchService,
    private readonly profiles: SourceProfiles,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit one story; Content-Type picks the format',
    description:
      'application/json (canonical), application/ninjs+json (IPTC ninjs 1.x–3.x) and ' +
      'application/vnd.iptc.g2.newsitem+xml (NewsML-G2) answer 202 for the one story; application/rss+xml and ' +
      'application/atom+xml answer 207 with one result per item. XML with a DOCTYPE or entity declarations is refused.',
  })
  @ApiConsumes('application/json')
  @ApiZodBody(canonicalStorySchema, 'One story in canonical JSON; text fields are cleaned to plain text.')
  @ApiResponse({ status: 202, description: 'Taken in (or recognised).', schema: replyJsonSchema(submitReplySchema) })
  @ApiErrors(400, 401, 409, 413, 415)
  async submit(
    @Req() req: SourceRequest,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<SubmissionResult | BatchReply | null> {
    const format = formatOf(req.header('content-type'));
    const stories = storiesOf(format, body);
    if (format !== 'feed') return this.submissions.submit(req.source, stories[0]);
    limitBatch(stories.length, 'items');
    res.status(207);
    return toBatchReply(await this.batch.submitAll(await this.profiles.profileOf(req.source), stories, 'http'));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status of one submission and, when rejected, the reasons' })
  @ApiZodParams(submissionIdPathSchema)
  @ApiOkResponse({ description: 'The submission and what came of it.', schema: replyJsonSchema(submissionReplySchema) })
  @ApiErrors(401, 404)
  async get(@Req() req: SourceRequest, @Param() params: Record<string, string>): Promise<SubmissionReply> {
    const { id } = parseInput(submissionIdPathSchema, params, 'path');
    return toSubmissionReply(await this.submissions.find(id, req.source));
  }
}
