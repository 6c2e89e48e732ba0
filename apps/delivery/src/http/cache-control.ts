import type { NextFunction, Request, Response } from 'express';

/**
 * Cache-Control of public answers. Short max-age (an update or a kill must not linger downstream either),
 * stale-while-revalidate so a burst of readers never waits on a revalidation.
 */
export const CachePolicies = {
  article: 'public, max-age=10, stale-while-revalidate=30',
  list: 'public, max-age=5, stale-while-revalidate=30',
  feed: 'public, max-age=60, stale-while-revalidate=300',
  asset: 'public, max-age=3600, stale-while-revalidate=86400',
  none: 'no-store',
} as const;

const privatePaths = /^\/(v1\/admin|health|metrics|docs)/;

/**
 * Every public GET answer gets a Cache-Control with stale-while-revalidate unless its handler sets its own;
 * an error that may pass (429, 5xx) and every non-public route are never stored.
 */
export function defaultCacheControl(req: Request, res: Response, next: NextFunction): void {
  const isPublic = (req.method === 'GET' || req.method === 'HEAD') && !privatePaths.test(req.path);
  res.setHeader('Cache-Control', isPublic ? CachePolicies.list : CachePolicies.none);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 429 || status >= 500) res.setHeader('Cache-Control', CachePolicies.none);
    return writeHead(status, ...rest);
  }) as Response['writeHead'];
  next();
}

/** OpenAPI `content` of a text answer (a feed, a sitemap) in these media types; errors stay JSON. */
export function textContent(...types: string[]): Record<string, { schema: { type: 'string' } }> {
  return Object.fromEntries(types.map((t) => [t.split(';')[0]!, { schema: { type: 'string' as const } }]));
}
