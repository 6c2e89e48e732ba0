import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ArticleReads } from '../articles/article-reads';
import { HotCache } from '../cache/hot-cache';
import { CachePolicies } from '../http/cache-control';
import { ViewCounter } from '../trending/view-counter';
import { ArticlePage } from './article-page';
import { sendPage } from './page-security';
import { problemMessages, ProblemPages } from './problem-pages';

/** `/articles/:slug`: the story, a 301 from an old slug, a real 410 or 404 page. */
@ApiExcludeController()
@Controller('articles')
export class ArticlePageController {
  constructor(
    private readonly reads: ArticleReads,
    private readonly page: ArticlePage,
    private readonly problems: ProblemPages,
    private readonly views: ViewCounter,
    private readonly cache: HotCache,
  ) {}

  @Get(':slug')
  async show(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.reads.bySlug(slug);
    switch (answer.kind) {
      case 'moved':
        res.setHeader('Cache-Control', CachePolicies.article);
        return res.redirect(301, `/articles/${encodeURIComponent(answer.to)}`);
      case 'missing':
        return this.problems.send(res, 404, problemMessages.missing);
      case 'gone':
        return this.problems.send(res, 410, problemMessages.gone);
    }
    this.views.record(answer.article.id);
    const etag = `"p${answer.article.version}"`;
    res.setHeader('ETag', etag);
    if (req.header('if-none-match') === etag) {
      res.setHeader('Cache-Control', CachePolicies.article);
      res.status(304).end();
      return;
    }
    const html = await this.cache.get(`page:article:${answer.article.id}:${answer.article.version}`, () =>
      this.page.html(answer.article).then((text) => Buffer.from(text)),
    );
    sendPage(res, 200, html, CachePolicies.article);
  }
}
