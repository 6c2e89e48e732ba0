import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { decodePageKey, encodePageKey, pageCursorParam } from '@broadsheet/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { ArticleReads } from '../articles/article-reads';
import { slugParam, tagParam } from '../articles/dto';
import type { ReadArticle } from '../articles/read-model.repository';
import { HotCache } from '../cache/hot-cache';
import { CachePolicies } from '../http/cache-control';
import { TrendingService } from '../trending/trending.service';
import { sendPage } from './page-security';
import { ProblemPages } from './problem-pages';
import { PageRenderer } from './renderer';
import { cardView } from './view-models';

const FRONT_STORIES = 15;
const LIST_STORIES = 20;

const listQuery = z.object({ cursor: pageCursorParam.optional() });

/** A rendered page, or the problem a reader gets instead. */
type Rendered = { status: 200; html: Buffer } | { status: 400 | 404; message: string };

/** The front page, category pages and tag pages: server-rendered, cached whole for a second at most. */
@ApiExcludeController()
@Controller()
export class FrontPagesController {
  constructor(
    private readonly reads: ArticleReads,
    private readonly trending: TrendingService,
    private readonly renderer: PageRenderer,
    private readonly problems: ProblemPages,
    private readonly cache: HotCache,
  ) {}

  @Get()
  async front(@Res() res: Response): Promise<void> {
    const html = await this.cache.get('page:front', async () => {
      const [latest, trending] = await Promise.all([this.reads.latest({ limit: FRONT_STORIES }), this.trending.top(5)]);
      const html = await this.renderer.render(
        'front',
        { title: `${this.site()} — Latest news`, canonicalPath: '/', current: 'front', openGraph: this.siteGraph('/') },
        {
          cards: latest.map((a) => cardView(a)),
          trending: trending.map((t) => t.article),
          ads: this.renderer.ads('front'),
        },
      );
      return Buffer.from(html);
    });
    sendPage(res, 200, html, CachePolicies.list);
  }

  @Get('category/:slug')
  async category(
    @Param('slug') raw: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const slug = slugParam.safeParse(raw);
    const q = listQuery.safeParse(query);
    if (!slug.success || !q.success) return this.problems.send(res, 404, 'There is no such category.');
    const page = await this.cache.get(
      `page:category:${slug.data}:${q.data.cursor ?? ''}`,
      async (): Promise<Rendered> => {
        const known = (await this.reads.categories()).find((c) => c.slug === slug.data);
        if (!known) return { status: 404, message: 'There is no such category, or it has no stories yet.' };
        const path = `/category/${encodeURIComponent(slug.data)}`;
        return this.list(path, known.label, { category: slug.data }, q.data.cursor, {
          current: slug.data,
          feed: { title: `${known.label} (RSS)`, path: `/feeds/category/${encodeURIComponent(slug.data)}.rss` },
        });
      },
    );
    return this.send(res, page);
  }

  @Get('tag/:tag')
  async tag(@Param('tag') raw: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const tag = tagParam.safeParse(raw);
    const q = listQuery.safeParse(query);
    if (!tag.success || !q.success) return this.problems.send(res, 404, 'There is no such tag.');
    const page = await this.cache.get(`page:tag:${tag.data}:${q.data.cursor ?? ''}`, async (): Promise<Rendered> => {
      const path = `/tag/${encodeURIComponent(tag.data)}`;
      return this.list(path, `Tagged “${tag.data}”`, { tag: tag.data }, q.data.cursor, {});
    });
    return this.send(res, page);
  }

  private async list(
    path: string,
    heading: string,
    filter: { category?: string; tag?: string },
    cursor: string | undefined,
    meta: { current?: string; feed?: { title: string; path: string } },
  ): Promise<Rendered> {
    const items = await this.reads.latest({
      ...filter,
      limit: LIST_STORIES,
      after: cursor ? decodePageKey(cursor) : undefined,
    });
    if (!items.length && !cursor) return { status: 404, message: 'No published stories carry this tag.' };
    const html = await this.renderer.render(
      'list',
      { title: `${heading} — ${this.site()}`, canonicalPath: path, ...meta, noindex: Boolean(cursor) },
      {
        heading,
        cards: items.map((a) => cardView(a)),
        ads: this.renderer.ads('category'),
        older: olderLink(path, items, LIST_STORIES),
      },
    );
    return { status: 200, html: Buffer.from(html) };
  }

  private async send(res: Response, page: Rendered): Promise<void> {
    if (page.status === 200) return sendPage(res, 200, page.html, CachePolicies.list);
    return this.problems.send(res, page.status, page.message);
  }

  private site(): string {
    return this.renderer.siteName;
  }

  private siteGraph(path: string): Array<[string, string]> {
    return [
      ['og:type', 'website'],
      ['og:site_name', this.site()],
      ['og:title', `${this.site()} — Latest news`],
      ['og:url', this.renderer.absolute(path)],
    ];
  }
}

/** The link to the next, older page of a full list; none after a short one. */
function olderLink(path: string, items: ReadArticle[], size: number): string | undefined {
  const last = items.length === size ? items.at(-1) : undefined;
  return last
    ? `${path}?cursor=${encodeURIComponent(encodePageKey({ at: last.publishedAt, id: last.id }))}`
    : undefined;
}
