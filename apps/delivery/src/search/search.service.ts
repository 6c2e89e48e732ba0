import { Inject, Injectable } from '@nestjs/common';
import { articleIndexName, resultFields, SearchDocument, INDEX_PREFIX, MEILI } from '@broadsheet/search';
import { Index, Meilisearch } from 'meilisearch';
import { SearchQuery } from './dto';
import { highlightMarkers } from './highlight';
import { SearchResponse, toHit } from './search.reply';

@Injectable()
export class SearchService {
  private readonly index: Index<SearchDocument>;

  constructor(@Inject(MEILI) meili: Meilisearch, @Inject(INDEX_PREFIX) prefix: string) {
    this.index = meili.index<SearchDocument>(articleIndexName(prefix));
  }

  async search(q: SearchQuery): Promise<SearchResponse> {
    const markers = highlightMarkers();
    const result = await this.index.search(q.q, {
      filter: filterOf(q),
      sort: q.sort === 'newest' ? ['publishedTs:desc'] : undefined,
      page: q.page,
      hitsPerPage: q.limit,
      attributesToRetrieve: [...resultFields],
      attributesToHighlight: ['headline', 'summary'],
      highlightPreTag: markers.pre,
      highlightPostTag: markers.post,
      facets: ['category', 'tags'],
    });
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
export function filterOf(q: Pick<SearchQuery, 'category' | 'tag' | 'from' | 'to'>): string[] {
  const filter = ['visible = true'];
  if (q.category) filter.push(`category = ${JSON.stringify(q.category)}`);
  if (q.tag) filter.push(`tags = ${JSON.stringify(q.tag)}`);
  if (q.from) filter.push(`publishedTs >= ${Math.floor(q.from.getTime() / 1000)}`);
  if (q.to) filter.push(`publishedTs <= ${Math.floor(q.to.getTime() / 1000)}`);
  return filter;
}
