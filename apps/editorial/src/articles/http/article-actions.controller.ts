import { applyDecorators, Body, Controller, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { CurrentPrincipal, Editors, hasRole, JwtGuard, Principal, RequireRoles, Role, Writers } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { z } from 'zod';
import type { Request, Response } from 'express';
import { Article } from '../domain/article';
import { AcceptWireUpdateUseCase } from '../usecases/accept-wire-update';
import { CorrectArticleUseCase } from '../usecases/correct-article';
import { CreateArticleUseCase } from '../usecases/create-article';
import { EditArticleUseCase } from '../usecases/edit-article';
import { KillArticleUseCase } from '../usecases/kill-article';
import { PublishArticleUseCase } from '../usecases/publish-article';
import { SubmitArticleUseCase } from '../usecases/submit-article';
import { UnpublishArticleUseCase } from '../usecases/unpublish-article';
import { ArticleReply, articleReplySchema, toArticleReply } from './article.reply';
import {
  correctionBodySchema,
  createBodySchema,
  editBodySchema,
  idPathSchema,
  reasonBodySchema,
  publishBodySchema,
} from './dto';
import { ifMatch, ifMatchSchema, requiredIfMatch, setRevisionTag } from './if-match';

const reply = {
  description: 'The article as it is now; its ETag is the new revision.',
  schema: replyJsonSchema(articleReplySchema),
};
const optionalIfMatch = {
  schema: ifMatchSchema,
  name: 'If-Match',
  required: false,
  description: 'The revision you acted on ("3"): 412 if stale.',
};
const id = (params: Record<string, string>): string => parseInput(idPathSchema, params, 'path').id;

/** A workflow action on one article: `POST :id/<path>`, optional If-Match, the article back. */
function ArticleAction(path: string, summary: string, roles: Role[], body?: [z.ZodType, string, boolean?]) {
  return applyDecorators(
    Post(`:id/${path}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiZodParams(idPathSchema),
    ApiHeader(optionalIfMatch),
    ...(body ? [ApiZodBody(...body)] : []),
    ApiOkResponse(reply),
    ApiErrors(401, 403, 404, 409, 412),
    RequireRoles(...roles),
  );
}

/** Writing and the workflow: one line per route into its use case. */
@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@Controller('v1/articles')
export class ArticleActionsController {
  constructor(
    private readonly createArticle: CreateArticleUseCase,
    private readonly editArticle: EditArticleUseCase,
    private readonly submitArticle: SubmitArticleUseCase,
    private readonly publishArticle: PublishArticleUseCase,
    private readonly unpublishArticle: UnpublishArticleUseCase,
    private readonly killArticle: KillArticleUseCase,
    private readonly correctArticle: CorrectArticleUseCase,
    private readonly acceptWire: AcceptWireUpdateUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Write a new story: it starts as a draft' })
  @ApiZodBody(createBodySchema, 'The story.')
  @ApiCreatedResponse(reply)
  @ApiErrors(401, 403, 409)
  @RequireRoles(...Writers)
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    return tagged(res, await this.createArticle.execute(parseInput(createBodySchema, body, 'body'), who.sub));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit: needs If-Match with the revision edited; on a published story readers get the update',
  })
  @ApiZodParams(idPathSchema)
  @ApiHeader({
    name: 'If-Match',
    required: true,
    schema: ifMatchSchema,
    description: 'The revision you edited, e.g. "3".',
  })
  @ApiZodBody(editBodySchema, 'The fields to change.')
  @ApiOkResponse(reply)
  @ApiErrors(401, 403, 404, 409, 412, 428)
  @RequireRoles(...Writers)
  async edit(
    @Param() p: Record<string, string>,
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    const expected = requiredIfMatch(req);
    const edits = parseInput(editBodySchema, body, 'body');
    return tagged(res, await this.editArticle.execute(id(p), edits, who.sub, expected, hasRole(who, Editors)));
  }

  @ArticleAction('submit', 'Send a draft to review', Writers)
  async submit(
    @Param() p: Record<string, string>,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    return tagged(res, await this.submitArticle.execute(id(p), who.sub, ifMatch(req)));
  }

  @ArticleAction(
    'publish',
    'Publish now, or at `publishAt`; an embargo holds it until `embargoUntil` whatever is asked',
    Editors,
    [publishBodySchema, 'Optional: when to publish and the embargo.', false],
  )
  async publish(
    @Param() p: Record<string, string>,
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    const options = parseInput(publishBodySchema, body ?? {}, 'body');
    return tagged(res, await this.publishArticle.execute(id(p), options, who.sub, ifMatch(req)));
  }

  @ArticleAction(
    'unpublish',
    'Take a published article off every reader surface (it can come back), or off the schedule',
    Editors,
    [reasonBodySchema, 'Optional: the reason.', false],
  )
  async unpublish(
    @Param() p: Record<string, string>,
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    const { reason } = parseInput(reasonBodySchema, body ?? {}, 'body');
    return tagged(res, await this.unpublishArticle.execute(id(p), reason, who.sub, ifMatch(req)));
  }

  @ArticleAction(
    'kill',
    'Legal takedown, for good: readers get a 410 and the content log keeps no text of it',
    Editors,
    [reasonBodySchema, 'Optional: the reason.', false],
  )
  async kill(
    @Param() p: Record<string, string>,
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    const { reason } = parseInput(reasonBodySchema, body ?? {}, 'body');
    return tagged(res, await this.killArticle.execute(id(p), reason, who.sub, ifMatch(req)));
  }

  @ArticleAction('corrections', 'Append a public correction to a published story', Editors, [
    correctionBodySchema,
    'The correction.',
  ])
  async correct(
    @Param() p: Record<string, string>,
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    const { note } = parseInput(correctionBodySchema, body ?? {}, 'body');
    return tagged(res, await this.correctArticle.execute(id(p), note, who.sub, ifMatch(req)));
  }

  @ArticleAction('wire-update/accept', 'Take the newer wire version kept aside, as an edit', Editors)
  async acceptWireUpdate(
    @Param() p: Record<string, string>,
    @Req() req: Request,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleReply> {
    return tagged(res, await this.acceptWire.execute(id(p), who.sub, ifMatch(req)));
  }
}

function tagged(res: Response, article: Article): ArticleReply {
  setRevisionTag(res, article);
  return toArticleReply(article);
}
