import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@broadsheet/observability';
import type { IngestConfig } from '../config';

export type FetchResult =
  | { kind: 'changed'; status: number; body: string; etag?: string; lastModified?: string }
  | { kind: 'unchanged' }
  | { kind: 'failed'; status?: number; error: string };

/** The HTTP side of polling: a conditional GET (ETag, Last-Modified) bounded in time and size. */
@Injectable()
export class FeedFetcher {
  constructor(@Inject(APP_CONFIG) private readonly config: IngestConfig) {}

  async fetch(url: string, validators: { etag?: string; lastModified?: string }): Promise<FetchResult> {
    const headers: Record<string, string> = {
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    try {
      const res = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.config.FEED_FETCH_TIMEOUT_MS),
        redirect: 'follow',
      });
      if (res.status === 304) return { kind: 'unchanged' };
      if (!res.ok) {
        await res.body?.cancel();
        return { kind: 'failed', status: res.status, error: `HTTP ${res.status}` };
      }
      const body = await res.text();
      if (Buffer.byteLength(body) > this.config.FEED_MAX_BYTES) {
        return { kind: 'failed', status: res.status, error: `feed over ${this.config.FEED_MAX_BYTES} bytes` };
      }
      return {
        kind: 'changed',
        status: res.status,
        body,
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
      };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return {
        kind: 'failed',
        error: timedOut
          ? `no answer within ${this.config.FEED_FETCH_TIMEOUT_MS} ms`
          : `fetch failed: ${String((error as Error).message ?? error)}`,
      };
    }
  }
}
