import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ArticleReads } from '../articles/article-reads';
import { CachePolicies } from '../http/cache-control';
import { SearchQuery } from '../search/dto';
import { SearchResponse } from '../search/search.reply';
import { SearchReads } from '../search/search-reads';
import { sendPage } from './page-security';
import { ProblemPages } from './problem-pages';
import { PageRenderer } from './renderer';
import { printedDate } from './view-models';
import { dayOf, givenBound, searchPageQuerySchema } from './search-page-query';

const RETRY_AFTER_S = 5;
const MAX_TAG_FACETS = 12;

/** `/search`: the reader's search page over delivery's search service (typo-tolerant, highlighted). */
@ApiExcludeController()
@Controller('search')
export class SearchPageController {
  private readonly logger = new Logger(SearchPageController.name);

  constructor(
    private readonly search: SearchReads,
    private readonly reads: ArticleReads,
    private readonly renderer: PageRenderer,
    private readonly problems: ProblemPages,
  ) {}

  @Get()
  async show(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const parsed = searchPageQuerySchema.safeParse(raw);
    if (!parsed.success)
      return this.problems.send(res, 400, 'Some of the search options are not ones this page offers.');
    const q = parsed.data;
    const given: Given = { from: givenBound(raw.from), to: givenBound(raw.to) };
    let found: SearchResponse | undefined;
    if (q.q || q.category || q.tag || q.from || q.to) {
      try {
        found = await this.search.reply(q);
      } catch (error) {
        this.logger.warn(`search unavailable: ${String(error)}`);
        res.setHeader('Retry-After', String(RETRY_AFTER_S));
        return this.problems.send(
          res,
          503,
          'Our search is not answering right now. Please try again in a few seconds.',
        );
      }
    }
    const html = await this.renderer.render(
      'search',
      {
        title: q.q ? `“${q.q}” — Search — ${this.renderer.siteName}` : `Search — ${this.renderer.siteName}`,
        noindex: true,
        query: q.q,
      },
      searchView(q, given, found, new Map((await this.reads.categories()).map((c) => [c.slug, c.label]))),
    );
    sendPage(res, 200, html, CachePolicies.list);
  }
}

/** The date bounds as the reader gave them: links carry them as given. */
interface Given {
  from?: string;
  to?: string;
}

/** The search link for the same query with some options changed; the page resets to 1 unless given. */
function searchHref(
  q: SearchQuery,
  given: Given,
  change: Partial<Record<'category' | 'tag' | 'page', string | undefined>>,
): string {
  const params = new URLSearchParams();
  const next = {
    q: q.q,
    category: q.category,
    tag: q.tag,
    from: given.from,
    to: given.to,
    sort: q.sort === 'relevance' ? undefined : q.sort,
    ...change,
  };
  for (const [k, v] of Object.entries(next)) if (v) params.set(k, v);
  return `/search?${params.toString()}`;
}

/** The page's data; category facets are shown by their printed names, which the search reply does not carry. */
function searchView(q: SearchQuery, given: Given, found: SearchResponse | undefined, labels: Map<string, string>) {
  const facet = (name: 'category' | 'tag', counts: Record<string, number>, limit: number) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([value, count]) => {
        const active = q[name] === value;
        return {
          label: (name === 'category' && labels.get(value)) || value,
          count,
          active,
          href: searchHref(q, given, { [name]: active ? undefined : value }),
        };
      });
  const facets = found
    ? [
        { title: 'Category', values: facet('category', found.facets.category, 20) },
        { title: 'Tag', values: facet('tag', found.facets.tags, MAX_TAG_FACETS) },
      ].filter((g) => g.values.length)
    : [];
  const totalPages = found?.totalPages ?? 0;
  return {
    q: q.q,
    sort: q.sort,
    category: q.category,
    tag: q.tag,
    from: dayOf(given.from),
    to: dayOf(given.to),
    filtered: Boolean(q.q || q.category || q.tag || q.from || q.to),
    facets,
    totalHits: found?.totalHits ?? 0,
    hits: (found?.hits ?? []).map((h) => {
      const published = h.publishedAt ? printedDate(new Date(h.publishedAt)) : { iso: '', text: '' };
      return { ...h, publishedIso: published.iso, publishedText: published.text };
    }),
    pages: Array.from({ length: Math.min(totalPages, 10) }, (_, i) => ({
      n: i + 1,
      current: i + 1 === q.page,
      href: searchHref(q, given, { page: String(i + 1) }),
    })),
  };
}
