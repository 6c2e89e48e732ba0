import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG } from '@broadsheet/observability';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IngestConfig } from '../config';

export type SourceRequest = Request & { source: string };

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Identifies the source by its `X-Api-Key`, comparing in constant time. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Array<[string, Buffer]>;

  constructor(@Inject(APP_CONFIG) config: IngestConfig) {
    this.keys = [...config.SOURCE_API_KEYS].map(([source, key]) => [source, digest(key)]);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<SourceRequest>();
    const given = req.header('x-api-key');
    if (!given) throw new DomainError(ErrorCodes.Unauthorized, 'missing X-Api-Key header');
    const hash = digest(given);
    const match = this.keys.find(([, key]) => timingSafeEqual(key, hash));
    if (!match) throw new DomainError(ErrorCodes.Unauthorized, 'unknown API key');
    req.source = match[0];
    return true;
  }
}
