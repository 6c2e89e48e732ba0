import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { DomainError, ErrorCodes, parseInput, submissionSchema } from '@broadsheet/contracts';
import { ApiKeyGuard, SourceRequest } from './api-key.guard';
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
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Submit one story (canonical JSON); 202 with accepted, duplicate or updated' })
  @ApiConsumes('application/json')
  @ApiZodBody(submissionSchema, 'One story in canonical JSON; text fields are cleaned to plain text.')
  @ApiResponse({ status: 202, description: 'Taken in (or recognised).', schema: replyJsonSchema(submitReplySchema) })
  @ApiErrors(400, 401, 409, 413, 415)
  async submit(@Req() req: SourceRequest, @Body() body: unknown): Promise<SubmissionResult | null> {
    const type = req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      // ninjs, NewsML-G2, RSS and Atom parsers arrive with the ingest formats work; say so plainly.
      throw new DomainError(ErrorCodes.UnsupportedMediaType, `unsupported Content-Type "${type ?? ''}"`, [
        { path: 'content-type', message: 'supported: application/json' },
      ]);
    }
    return this.submissions.submit(req.source, body, 'http');
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
