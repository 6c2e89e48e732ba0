import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { bodyError, nonUtf8Json } from './body-errors';

/**
 * Request body parsing for every service: JSON (UTF-8 only) and XML as text, up to `limit`. What the
 * parsers refuse becomes a DomainError here, before Nest would turn a JSON SyntaxError into a 400 that
 * quotes the body, or anything else into a 500.
 */
export function useBodyParsers(app: NestExpressApplication, limit: string): void {
  app.use((req: Request, _res: Response, next: NextFunction) => next(nonUtf8Json(req.headers['content-type'])));
  app.use(express.json({ limit, type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit, type: ['application/*+xml', 'application/xml', 'text/xml'] }));
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => next(bodyError(error) ?? error));
}
