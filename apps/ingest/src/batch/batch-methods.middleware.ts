import { Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import type { NextFunction, Request, Response } from 'express';

/**
 * `/v1/submissions/batch` takes POST only. Without this, a GET there would match `GET /v1/submissions/:id`
 * (with id "batch") and be answered as a submission lookup instead of 405.
 */
@Injectable()
export class BatchMethodsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method === 'POST') return next();
    res.setHeader('Allow', 'POST');
    throw new DomainError(ErrorCodes.MethodNotAllowed, `${req.method} is not allowed here`, [
      { path: 'method', message: 'allowed: POST' },
    ]);
  }
}
