import { Injectable, NestMiddleware } from '@nestjs/common';
import { ErrorCodes } from '@broadsheet/contracts';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOrNew } from './context';
import { errorBody } from './error-body';

interface RouteLayer {
  route?: { path?: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

const isLiteral = (layer: RouteLayer): boolean => !/[:*]/.test(layer.route?.path ?? ':');

/**
 * The methods the app's routes take at `path`, upper case; empty when no route has that path. A path
 * that a literal route names (`/v1/submissions/batch`) takes only that route's methods, never those of
 * a parameter route it also happens to match (`GET /v1/submissions/:id`).
 */
export function methodsAt(stack: readonly RouteLayer[], path: string): string[] {
  const matching = stack.filter((layer) => layer.route && layer.match(path));
  const literal = matching.filter(isLiteral);
  const methods = new Set<string>();
  for (const layer of literal.length ? literal : matching)
    for (const [method, on] of Object.entries(layer.route!.methods)) if (on) methods.add(method.toUpperCase());
  return [...methods].sort();
}

/**
 * A known path asked with a method none of its routes takes answers 405 with `Allow` and the
 * error shape, instead of the 404 Express would give. HEAD is answered wherever GET is.
 */
@Injectable()
export class MethodNotAllowedMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const stack = (req.app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
    // originalUrl, not path: mounted middleware sees `path` relative to its mount point.
    const allowed = methodsAt(stack, new URL(req.originalUrl, 'http://localhost').pathname);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (allowed.length === 0 || allowed.includes(method)) return next();
    const allow = allowed.join(', ');
    res.setHeader('Allow', allow);
    res.status(405).json(
      errorBody(
        {
          status: 405,
          code: ErrorCodes.MethodNotAllowed,
          message: `${req.method} is not allowed here`,
          details: [{ path: 'method', message: `allowed: ${allow}` }],
        },
        correlationIdOrNew(),
      ),
    );
  }
}
