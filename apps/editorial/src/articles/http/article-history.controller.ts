import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodParams, ApiZodQuery, replyJsonSchema } from '@broadsheet/observability';
import { JwtGuard } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { z } from 'zod';
import { ReadArticlesUseCase } from '../usecases/read-articles';
import { diffQuerySchema, idPathSchema, revisionPathSchema } from './dto';
import {
  auditReplySchema,
  diffReplySchema,
  revisionListReplySchema,
  revisionReplySchema,
  toAuditReply,
  toRevisionLine,
  toRevisionReply,
  toWireUpdateReply,
  wireUpdateReplySchema,
} from './history.reply';

type Reply<S extends z.ZodType> = z.infer<S>;

/** What happened to an article: revisions, diffs between them, the audit trail, a waiting wire update. */
@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@Controller('v1/articles/:id')
export class ArticleHistoryController {
  constructor(private readonly read: ReadArticlesUseCase) {}

  @Get('revisions')
  @ApiOperation({ summary: 'Every revision: who saved it, when, by which action' })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The revisions, oldest first.', schema: replyJsonSchema(revisionListReplySchema) })
  @ApiErrors(401, 404)
  async revisions(@Param() p: Record<string, string>): Promise<Reply<typeof revisionListReplySchema>> {
    const revisions = await this.read.revisions(parseInput(idPathSchema, p, 'path').id);
    return { items: revisions.map(toRevisionLine) };
  }

  @Get('revisions/:n')
  @ApiOperation({ summary: 'One revision with its content as saved' })
  @ApiZodParams(revisionPathSchema)
  @ApiOkResponse({ description: 'The revision.', schema: replyJsonSchema(revisionReplySchema) })
  @ApiErrors(401, 404)
  async revision(@Param() p: Record<string, string>): Promise<Reply<typeof revisionReplySchema>> {
    const { id, n } = parseInput(revisionPathSchema, p, 'path');
    return toRevisionReply(await this.read.revision(id, n));
  }

  @Get('revisions/:n/diff')
  @ApiOperation({
    summary:
      'What changed from revision `against` to `n`: headline, summary, category, tags, and the body word by word',
  })
  @ApiZodParams(revisionPathSchema)
  @ApiZodQuery(diffQuerySchema)
  @ApiOkResponse({ description: 'The diff, field by field.', schema: replyJsonSchema(diffReplySchema) })
  @ApiErrors(400, 401, 404)
  async diff(
    @Param() p: Record<string, string>,
    @Query() q: Record<string, unknown>,
  ): Promise<Reply<typeof diffReplySchema>> {
    const { id, n } = parseInput(revisionPathSchema, p, 'path');
    const { against } = parseInput(diffQuerySchema, q, 'query');
    return this.read.diff(id, n, against);
  }

  @Get('audit')
  @ApiOperation({ summary: 'Every action with actor, time, from-state and to-state' })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The audit trail, oldest first.', schema: replyJsonSchema(auditReplySchema) })
  @ApiErrors(401, 404)
  async audit(@Param() p: Record<string, string>): Promise<Reply<typeof auditReplySchema>> {
    const audit = await this.read.audit(parseInput(idPathSchema, p, 'path').id);
    return { items: audit.map(toAuditReply) };
  }

  @Get('wire-update')
  @ApiOperation({
    summary: 'Whether a newer wire version waits (kept aside because a person edited the story), with its diff',
  })
  @ApiZodParams(idPathSchema)
  @ApiOkResponse({ description: 'The waiting wire version.', schema: replyJsonSchema(wireUpdateReplySchema) })
  @ApiErrors(401, 404)
  async wireUpdate(@Param() p: Record<string, string>): Promise<Reply<typeof wireUpdateReplySchema>> {
    return toWireUpdateReply(await this.read.wireUpdate(parseInput(idPathSchema, p, 'path').id));
  }
}
