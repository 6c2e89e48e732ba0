import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG } from '@broadsheet/observability';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IngestConfig } from '../config';
import { hashKey } from '../sources/source';
import { SourcesRepository } from '../sources/sources.repository';

export type SourceRequest = Request & { source: string };

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Identifies the source by its `X-Api-Key`: a bootstrap key from SOURCE_API_KEYS (compared in constant
 * time), else a registered source's key that is not revoked (found by its hash, so never compared as text).
 * The source it names is the only one the request may submit for.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Array<[string, Buffer]>;

  constructor(
    @Inject(APP_CONFIG) config: IngestConfig,
    private readonly sources: SourcesRepository,
  ) {
    this.keys = [...config.SOURCE_API_KEYS].map(([source, key]) => [source, digest(key)]);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<SourceRequest>();
    const given = req.header('x-api-key');
    if (!given) throw new DomainError(ErrorCodes.Unauthorized, 'missing X-Api-Key header');
    const hash = digest(given);
    const bootstrap = this.keys.find(([, key]) => timingSafeEqual(key, hash));
    const source = bootstrap?.[0] ?? (await this.registered(given));
    if (!source) throw new DomainError(ErrorCodes.Unauthorized, 'unknown API key');
    req.source = source;
    return true;
  }

  private async registered(given: string): Promise<string | undefined> {
    if (given.length > 200) return undefined;
    const hash = hashKey(given);
    const source = await this.sources.findByKeyHash(hash);
    const key = source?.keys.find((k) => k.hash === hash);
    return key && !key.revokedAt ? source?.id : undefined;
  }
}
