import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CachePolicies } from '../http/cache-control';
import { JSON_TYPE, sendBytes } from '../http/send-bytes';
import { ViewCounter } from '../trending/view-counter';
import { ArticleReads, VisibleArticle } from './article-reads';

/** The answer to `GET /v1/articles/:slug` for a visible story: counted as a read, ETag, 304 or the JSON. */
export function sendVisibleArticle(req: Request, res: Response, answer: VisibleArticle, views: ViewCounter): void {
  views.record(answer.article.id);
  res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', CachePolicies.article);
  if (req.header('if-none-match') === answer.etag) {
    res.status(304).end();
    return;
  }
  sendBytes(res, 200, JSON_TYPE, answer.json);
}

/**
 * The hottest read answered before Nest's router: a story already in the hot cache is sent from here;
 * anything else (a miss, a redirect, a 404 or 410, a bad slug) goes on to the controller unchanged.
 */
@Injectable()
export class HotArticleMiddleware implements NestMiddleware {
  constructor(
    private readonly reads: ArticleReads,
    private readonly views: ViewCounter,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    // originalUrl: a mounted middleware sees `path` relative to its mount point.
    const raw = /^\/v1\/articles\/([^/?]+)(?:\?|$)/.exec(req.originalUrl)?.[1];
    let slug: string | undefined;
    try {
      slug = raw === undefined ? undefined : decodeURIComponent(raw);
    } catch {
      slug = undefined;
    }
    const answer = slug === undefined ? undefined : this.reads.peekSlug(slug);
    if (answer?.kind !== 'visible') return next();
    sendVisibleArticle(req, res, answer, this.views);
  }
}
