import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { articleIndexName, localeOf, resultFields, SearchDocument, INDEX_PREFIX, MEILI } from '@broadsheet/search';
import {
  Index,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
} from 'meilisearch';
import { SearchQuery } from './dto';
import { highlightMarkers } from './highlight';
import { SearchResponse, toHit } from './search.reply';

@Injectable()
export class SearchService {
  private readonly index: Index<SearchDocument>;

  constructor(@Inject(MEILI) meili: Meilisearch, @Inject(INDEX_PREFIX) prefix: string) {
    this.index = meili.index<SearchDocument>(articleIndexName(prefix));
  }

  /**
   * One page of hits for a reader's query. Throws a retryable `UNAVAILABLE` DomainError (503) when
   * Meilisearch cannot answer, and `VALIDATION_FAILED` for what the query parameters cannot mean.
   */
  async search(q: SearchQuery): Promise<SearchResponse> {
    const markers = highlightMarkers();
    const locale = q.lang === undefined ? undefined : localeOf(q.lang);
    const result = await unavailableWhenDown(() =>
      this.index.search(balancedQuotes(q.q), {
        filter: filterOf(q),
        // Newest first lists every story with all the words, by date; relevance may drop trailing words.
        sort: q.sort === 'newest' ? ['publishedTs:desc'] : undefined,
        matchingStrategy: q.sort === 'newest' ? 'all' : 'last',
        locales: locale ? [locale] : undefined,
        page: q.page,
        hitsPerPage: q.limit,
        attributesToRetrieve: [...resultFields],
        attributesToHighlight: ['headline', 'summary'],
        highlightPreTag: markers.pre,
        highlightPostTag: markers.post,
        facets: ['category', 'tags'],
      }),
    );
    return {
      query: q.q,
      hits: result.hits.map((hit) => toHit(hit, markers)),
      page: result.page ?? q.page,
      totalPages: result.totalPages ?? 0,
      totalHits: result.totalHits ?? 0,
      facets: {
        category: result.facetDistribution?.category ?? {},
        tags: result.facetDistribution?.tags ?? {},
      },
    };
  }
}

/** Every value is quoted with JSON escaping, so a query parameter can never become filter syntax. */
export function filterOf(q: Pick<SearchQuery, 'category' | 'tag' | 'from' | 'to'> & { lang?: string }): string[] {
  const filter = ['visible = true'];
  if (q.lang) filter.push(`lang = ${JSON.stringify(q.lang)}`);
  if (q.category) filter.push(`category = ${JSON.stringify(q.category)}`);
  if (q.tag) filter.push(`tags = ${JSON.stringify(q.tag)}`);
  if (q.from) filter.push(`publishedTs >= ${Math.floor(q.from.getTime() / 1000)}`);
  if (q.to) filter.push(`publishedTs <= ${Math.floor(q.to.getTime() / 1000)}`);
  return filter;
}

/** Meilisearch unreachable, timing out or failing on its side is a 503 readers may retry; the rest is a bug. */
async function unavailableWhenDown<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Through the keep-alive transport an error status arrives as the cause of a request error.
    const apiError = error instanceof MeilisearchRequestError ? error.cause : error;
    if (apiError instanceof MeilisearchApiError && apiError.response.status < 500 && apiError.response.status !== 429)
      throw apiError;
    const down =
      error instanceof MeilisearchRequestError ||
      error instanceof MeilisearchRequestTimeOutError ||
      (error instanceof MeilisearchApiError && (error.response.status >= 500 || error.response.status === 429));
    if (!down) throw error;
    throw new DomainError(ErrorCodes.Unavailable, 'search is unavailable for a moment; retry shortly', [], true);
  }
}

/**
 * A query with an odd number of double quotes loses its last one: Meilisearch would read everything after an
 * unclosed quote as one phrase, which almost never matches what a reader meant.
 */
export function balancedQuotes(q: string): string {
  const quotes = q.split('"').length - 1;
  if (quotes % 2 === 0) return q;
  const last = q.lastIndexOf('"');
  return `${q.slice(0, last)} ${q.slice(last + 1)}`.trim();
}
