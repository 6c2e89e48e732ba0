import { Injectable, NestMiddleware } from '@nestjs/common';
import { ErrorCodes } from '@broadsheet/contracts';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOrNew } from './context';
import { errorBody } from './error-body';

interface RouteLayer {
  route?: { path?: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

/** Paths whose methods are remembered; past it the memory starts again. */
const MAX_KNOWN_PATHS = 10_000;

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
  /**
   * The methods at each path asked lately: the routes are fixed once the app listens, and matching a path
   * against every route on every request costs the hottest reads a noticeable share of their time.
   * Bounded, since paths are the client's to choose.
   */
  private readonly known = new Map<string, string[]>();

  use(req: Request, res: Response, next: NextFunction): void {
    // originalUrl, not path: mounted middleware sees `path` relative to its mount point.
    const allowed = this.methodsAt(req, new URL(req.originalUrl, 'http://localhost').pathname);
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

  private methodsAt(req: Request, path: string): string[] {
    const cached = this.known.get(path);
    if (cached) return cached;
    const stack = (req.app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
    const methods = methodsAt(stack, path);
    if (this.known.size >= MAX_KNOWN_PATHS) this.known.clear();
    this.known.set(path, methods);
    return methods;
  }
}
