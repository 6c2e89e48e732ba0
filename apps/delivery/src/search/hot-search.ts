import { Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError, ErrorCodes, parseInput } from '@broadsheet/contracts';
import type { Request, Response } from 'express';
import { JSON_TYPE, sendBytes } from '../http/send-bytes';
import { searchQuerySchema } from './dto';
import { SearchReads } from './search-reads';

const RETRY_AFTER_S = '5';

/**
 * `GET /v1/search` for the API: the query checked, the page from the search cache (or Meilisearch) as
 * prepared JSON bytes. Refusals and outages are thrown as the DomainErrors the error filter shapes.
 */
export async function answerSearch(req: Request, res: Response, reads: SearchReads): Promise<void> {
  const q = parseInput(searchQuerySchema, req.query as Record<string, unknown>, 'query');
  try {
    sendBytes(res, 200, JSON_TYPE, await reads.json(q));
  } catch (error) {
    // Meilisearch is down or busy: tell clients and caches when to come back.
    if (error instanceof DomainError && error.code === ErrorCodes.Unavailable)
      res.setHeader('Retry-After', RETRY_AFTER_S);
    throw error;
  }
}

/**
 * The search API answered ahead of Nest's router (its guards, pipes and interceptors, none of which it
 * uses), the way the hottest article reads are; the controller keeps the documented route.
 */
@Injectable()
export class HotSearchMiddleware implements NestMiddleware {
  constructor(private readonly reads: SearchReads) {}

  // A rejection reaches Nest's exception filter, as a controller's would: the error shape, 400 or 503.
  use(req: Request, res: Response): Promise<void> {
    return answerSearch(req, res, this.reads);
  }
}
