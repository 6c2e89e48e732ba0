import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { bodyError, nonUtf8Json } from './body-errors';

const jsonTypes = ['application/json', 'application/*+json'];

/**
 * Request body parsing for every service: JSON (UTF-8 only) and XML as text, up to `limit`. A route
 * listed in `routeLimits` (exact path → limit, e.g. a bulk import) reads its JSON up to its own limit;
 * the general parser then skips the body already read. What the parsers refuse becomes a DomainError
 * here, before Nest would turn a JSON SyntaxError into a 400 that quotes the body, or anything else into a 500.
 */
export function useBodyParsers(
  app: NestExpressApplication,
  limit: string,
  routeLimits: Record<string, string> = {},
): void {
  app.use((req: Request, _res: Response, next: NextFunction) => next(nonUtf8Json(req.headers['content-type'])));
  for (const [route, routeLimit] of Object.entries(routeLimits)) {
    const parser = express.json({ limit: routeLimit, type: jsonTypes });
    // The route itself only (as Express matches it: any case, one trailing slash), never paths under it.
    const matches = (path: string): boolean => path.replace(/\/$/, '').toLowerCase() === route.toLowerCase();
    app.use((req: Request, res: Response, next: NextFunction) => (matches(req.path) ? parser(req, res, next) : next()));
  }
  app.use(express.json({ limit, type: jsonTypes }));
  app.use(express.text({ limit, type: ['application/*+xml', 'application/xml', 'text/xml'] }));
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => next(bodyError(error) ?? error));
}
