import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCodes, submissionSchema } from '@broadsheet/contracts';
import { z } from 'zod';
import { ApiKeyGuard, SourceRequest } from './api-key.guard';
import { submissionReplySchema, SubmissionReply, toSubmissionReply } from './submission.reply';
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
  @ApiBody({ schema: z.toJSONSchema(submissionSchema, { io: 'input' }) as object })
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
  @ApiOkResponse({ schema: z.toJSONSchema(submissionReplySchema) as object })
  async get(@Req() req: SourceRequest, @Param('id') id: string): Promise<SubmissionReply> {
    return toSubmissionReply(await this.submissions.find(id, req.source));
  }
}
