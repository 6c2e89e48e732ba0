import { Injectable } from '@nestjs/common';
import { HotCache } from '../cache/hot-cache';
import { SearchQuery } from './dto';
import { SearchResponse } from './search.reply';
import { SearchService } from './search.service';

/**
 * Searches through the hot-read cache, keyed on the parsed query (defaults filled in, `lang` reduced to its
 * primary subtag, times as instants), so the same search asked many times a second costs Meilisearch one
 * query. Every content event clears it with the rest of the cache, and no entry outlives CACHE_TTL_MS
 * (≤ 1 s): a search never shows a story more than a second after Meilisearch stopped showing it.
 */
@Injectable()
export class SearchReads {
  constructor(
    private readonly search: SearchService,
    private readonly cache: HotCache,
  ) {}

  /** One page of hits, as the search page renders them. */
  reply(q: SearchQuery): Promise<SearchResponse> {
    return this.cache.get(`search:${searchKey(q)}`, () => this.search.search(q));
  }

  /** The same page as the API's JSON, serialized once per entry. */
  json(q: SearchQuery): Promise<Buffer> {
    return this.cache.get(`search-json:${searchKey(q)}`, async () => Buffer.from(JSON.stringify(await this.reply(q))));
  }
}

/** Two queries that mean the same search have the same key: every field in a fixed order, times as instants. */
export function searchKey(q: SearchQuery): string {
  return JSON.stringify([q.q, q.category, q.tag, q.from?.getTime(), q.to?.getTime(), q.lang, q.sort, q.page, q.limit]);
}
