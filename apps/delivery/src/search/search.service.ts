import { Inject, Injectable } from '@nestjs/common';
import { articleIndexName, resultFields, SearchDocument, INDEX_PREFIX, MEILI } from '@broadsheet/search';
import { Index, Meilisearch } from 'meilisearch';
import { SearchQuery } from './dto';

export interface SearchHit {
  id: string;
  slug: string;
  /** Headline with matches wrapped in <mark>; the rest is HTML-escaped. */
  headline: string;
  summary?: string;
  category: string;
  categoryLabel: string;
  tags: string[];
  bylines: string[];
  publishedAt: string;
  imageUrl?: string;
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
  page: number;
  totalPages: number;
  totalHits: number;
  facets: { category: Record<string, number>; tags: Record<string, number> };
}

// Sentinels Meilisearch wraps matches in; they cannot occur in stored text, so escaping stays simple.
const PRE = '\u0001';
const POST = '\u0002';

@Injectable()
export class SearchService {
  private readonly index: Index<SearchDocument>;

  constructor(@Inject(MEILI) meili: Meilisearch, @Inject(INDEX_PREFIX) prefix: string) {
    this.index = meili.index<SearchDocument>(articleIndexName(prefix));
  }

  async search(q: SearchQuery): Promise<SearchResponse> {
    const result = await this.index.search(q.q, {
      filter: filterOf(q),
      sort: q.sort === 'newest' ? ['publishedTs:desc'] : undefined,
      page: q.page,
      hitsPerPage: q.limit,
      attributesToRetrieve: [...resultFields],
      attributesToHighlight: ['headline', 'summary'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      facets: ['category', 'tags'],
    });
    return {
      query: q.q,
      hits: result.hits.map((hit) => ({
        id: hit.id,
        slug: hit.slug ?? '',
        headline: markup(hit._formatted?.headline ?? hit.headline ?? ''),
        summary: hit.summary === undefined ? undefined : markup(hit._formatted?.summary ?? hit.summary),
        category: hit.category ?? '',
        categoryLabel: hit.categoryLabel ?? '',
        tags: hit.tags ?? [],
        bylines: hit.bylines ?? [],
        publishedAt: hit.publishedAt ?? '',
        imageUrl: hit.imageUrl,
      })),
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
export function filterOf(q: Pick<SearchQuery, 'category' | 'tag' | 'from' | 'to'>): string[] {
  const filter = ['visible = true'];
  if (q.category) filter.push(`category = ${JSON.stringify(q.category)}`);
  if (q.tag) filter.push(`tags = ${JSON.stringify(q.tag)}`);
  if (q.from) filter.push(`publishedTs >= ${Math.floor(q.from.getTime() / 1000)}`);
  if (q.to) filter.push(`publishedTs <= ${Math.floor(q.to.getTime() / 1000)}`);
  return filter;
}

/** HTML-escapes text, then turns the match sentinels into <mark> tags. */
export function markup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replaceAll(PRE, '<mark>')
    .replaceAll(POST, '</mark>');
}
