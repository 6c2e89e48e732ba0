import { applyDecorators, Body, Controller, HttpCode, Patch, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { CurrentPrincipal, Editors, hasRole, JwtGuard, Principal, RequireRoles, Role, Writers } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { z } from 'zod';
import { Article } from '../domain/article';
import { AcceptWireUpdateUseCase } from '../usecases/accept-wire-update';
import { CorrectArticleUseCase } from '../usecases/correct-article';
import { CreateArticleUseCase } from '../usecases/create-article';
import { EditArticleUseCase } from '../usecases/edit-article';
import { KillArticleUseCase } from '../usecases/kill-article';
import { PublishArticleUseCase } from '../usecases/publish-article';
import { SubmitArticleUseCase } from '../usecases/submit-article';
import { UnpublishArticleUseCase } from '../usecases/unpublish-article';
import { articleReplySchema } from './article.reply';
import { ArticleTarget, RevisionTagged, Target } from './article-target';
import {
  correctionBodySchema,
  createBodySchema,
  editBodySchema,
  idPathSchema,
  reasonBodySchema,
  publishBodySchema,
} from './dto';
import { ifMatchSchema, requiredRevision } from './if-match';

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

/** Writing and the workflow: one line per route into its use case; every answer is the article, revision-tagged. */
@ApiTags('articles')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@UseInterceptors(RevisionTagged)
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
  create(@Body() body: unknown, @CurrentPrincipal() who: Principal): Promise<Article> {
    return this.createArticle.execute(parseInput(createBodySchema, body, 'body'), who.sub);
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
  edit(@Target() t: ArticleTarget, @Body() body: unknown): Promise<Article> {
    const expected = requiredRevision(t.seen);
    const edits = parseInput(editBodySchema, body, 'body');
    return this.editArticle.execute(t.id, edits, t.who.sub, expected, hasRole(t.who, Editors));
  }

  @ArticleAction('submit', 'Send a draft to review', Writers)
  submit(@Target() t: ArticleTarget): Promise<Article> {
    return this.submitArticle.execute(t.id, t.who.sub, t.seen);
  }

  @ArticleAction(
    'publish',
    'Publish now, or at `publishAt`; an embargo holds it until `embargoUntil` whatever is asked',
    Editors,
    [publishBodySchema, 'Optional: when to publish and the embargo.', false],
  )
  publish(@Target() t: ArticleTarget, @Body() body: unknown): Promise<Article> {
    const options = parseInput(publishBodySchema, body ?? {}, 'body');
    return this.publishArticle.execute(t.id, options, t.who.sub, t.seen);
  }

  @ArticleAction(
    'unpublish',
    'Take a published article off every reader surface (it can come back), or off the schedule',
    Editors,
    [reasonBodySchema, 'Optional: the reason.', false],
  )
  unpublish(@Target() t: ArticleTarget, @Body() body: unknown): Promise<Article> {
    const { reason } = parseInput(reasonBodySchema, body ?? {}, 'body');
    return this.unpublishArticle.execute(t.id, reason, t.who.sub, t.seen);
  }

  @ArticleAction(
    'kill',
    'Legal takedown, for good: readers get a 410 and the content log keeps no text of it',
    Editors,
    [reasonBodySchema, 'Optional: the reason.', false],
  )
  kill(@Target() t: ArticleTarget, @Body() body: unknown): Promise<Article> {
    const { reason } = parseInput(reasonBodySchema, body ?? {}, 'body');
    return this.killArticle.execute(t.id, reason, t.who.sub, t.seen);
  }

  @ArticleAction('corrections', 'Append a public correction to a published story', Editors, [
    correctionBodySchema,
    'The correction.',
  ])
  correct(@Target() t: ArticleTarget, @Body() body: unknown): Promise<Article> {
    const { note } = parseInput(correctionBodySchema, body ?? {}, 'body');
    return this.correctArticle.execute(t.id, note, t.who.sub, t.seen);
  }

  @ArticleAction('wire-update/accept', 'Take the newer wire version kept aside, as an edit', Editors)
  acceptWireUpdate(@Target() t: ArticleTarget): Promise<Article> {
    return this.acceptWire.execute(t.id, t.who.sub, t.seen);
  }
}
