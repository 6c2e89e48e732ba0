import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { AuthenticatedRequest, Principal } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { Article } from '../domain/article';
import { ArticleReply, toArticleReply } from './article.reply';
import { idPathSchema } from './dto';
import { ifMatch } from './if-match';

/** What a route on one article acts on: the article, the revision its caller saw (If-Match), and who acts. */
export interface ArticleTarget {
  id: string;
  seen: number | undefined;
  who: Principal;
}

/** The route's {@link ArticleTarget}: a malformed id or If-Match is a 400 before the use case runs. */
export const Target = createParamDecorator((_: unknown, context: ExecutionContext): ArticleTarget => {
  const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const { id } = parseInput(idPathSchema, req.params, 'path');
  return { id, seen: ifMatch(req), who: req.principal };
});

/** Answers with the article as the desk sees it, its revision as the ETag a client sends back in If-Match. */
@Injectable()
export class RevisionTagged implements NestInterceptor<Article, ArticleReply> {
  intercept(context: ExecutionContext, next: CallHandler<Article>): Observable<ArticleReply> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((article) => {
        res.setHeader('ETag', `"${article.revision}"`);
        return toArticleReply(article);
      }),
    );
  }
}
