import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { APP_CONFIG } from '@broadsheet/observability';
import type { NextFunction, Request, Response } from 'express';
import type { DeliveryConfig } from '../config';

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets per client: `perSecond` sustained, `burst` at once. Pure, so the arithmetic is tested alone. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxClients = 100_000,
  ) {}

  /** Takes one token for `client`; when none is left, the seconds until one is (for Retry-After). */
  take(client: string, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
    const held = this.buckets.get(client);
    const tokens = held ? Math.min(this.burst, held.tokens + ((now - held.at) / 1000) * this.perSecond) : this.burst;
    if (tokens >= 1) {
      if (!held && this.buckets.size >= this.maxClients) this.forgetFull(now);
      this.buckets.set(client, { tokens: tokens - 1, at: now });
      return { ok: true };
    }
    this.buckets.set(client, { tokens, at: now });
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
  }

  /** Drops the buckets that have refilled: they hold nothing a new bucket would not. */
  private forgetFull(now: number): void {
    for (const [client, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(client);
  }
}

/** 429 with Retry-After once a client (by IP) spends its bucket; limits in config, 0 turns it off. */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly buckets?: TokenBuckets;

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    if (config.RATE_LIMIT_PER_SECOND > 0)
      this.buckets = new TokenBuckets(config.RATE_LIMIT_PER_SECOND, config.RATE_LIMIT_BURST);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    // Admin routes are authenticated and few; the limit protects the public surface.
    if (req.originalUrl.startsWith('/v1/admin/')) return next();
    const verdict = this.buckets?.take(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (verdict && !verdict.ok) {
      res.setHeader('Retry-After', String(verdict.retryAfter));
      throw new DomainError(ErrorCodes.RateLimited, `too many requests: retry after ${verdict.retryAfter} s`);
    }
    next();
  }
}
