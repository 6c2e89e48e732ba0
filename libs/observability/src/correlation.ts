import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOrNew, withCorrelation } from './context';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Takes the caller's correlation id (or makes one), echoes it, and scopes the request to it. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const given = req.header(CORRELATION_HEADER);
    const id = given && /^[\w.:-]{1,128}$/.test(given) ? given : undefined;
    withCorrelation(id, () => {
      res.setHeader(CORRELATION_HEADER, correlationIdOrNew());
      next();
    });
  }
}
