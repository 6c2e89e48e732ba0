import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Module, NotFoundException } from '@nestjs/common';
import { APP_FILTER, ModuleRef } from '@nestjs/core';
import { ApiExceptionFilter } from '@broadsheet/observability';
import type { Request, Response } from 'express';
import { ProblemPages } from './problem-pages';

/** Paths that belong to the API and the operators: their unknown paths keep the JSON error shape. */
const apiPaths = /^\/(v1|health|metrics|docs)(\/|-json|$)/;

/**
 * An address no route knows, asked for by a reader (GET or HEAD outside the API), gets the reader's 404
 * page; every other unknown path, and every other method, keeps the API's JSON 404.
 */
@Catch(NotFoundException)
@Injectable()
export class ReaderNotFoundFilter implements ExceptionFilter {
  private readonly api = new ApiExceptionFilter();

  constructor(private readonly moduleRef: ModuleRef) {}

  async catch(exception: NotFoundException, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const reader = (req.method === 'GET' || req.method === 'HEAD') && !apiPaths.test(req.path);
    if (!reader) return this.api.catch(exception, host);
    try {
      await this.moduleRef
        .get(ProblemPages, { strict: false })
        .send(res, 404, 'There is nothing at this address. The link may be mistyped, or the page moved.');
    } catch {
      // The page could not be drawn (the store is away): the reader still gets a 404, as JSON.
      if (!res.headersSent) this.api.catch(exception, host);
    }
  }
}

/**
 * Holds the filter in a module of its own, imported after ObservabilityModule: Nest tries the global
 * filters registered last first, so this one sees a NotFoundException before the catch-all API filter.
 */
@Module({ providers: [{ provide: APP_FILTER, useClass: ReaderNotFoundFilter }] })
export class ReaderNotFoundModule {}
