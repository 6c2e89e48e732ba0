import { HealthRegistry } from '@broadsheet/observability';
import { Meilisearch } from 'meilisearch';
import { keepAliveTransport } from './keep-alive-transport';

/**
 * A client whose every request gives up after `timeoutMs`: a hung Meilisearch must not hang a reader's request.
 * `keepAlive` sends its requests through Node's http with a keep-alive agent instead of fetch (a reader-facing
 * search path); its API errors then reach the caller wrapped, as MeilisearchRequestError with the
 * MeilisearchApiError as `cause`.
 */
export function createMeili(host: string, apiKey: string, timeoutMs = 10_000, keepAlive = false): Meilisearch {
  return new Meilisearch({
    host,
    apiKey,
    timeout: timeoutMs,
    httpClient: keepAlive ? keepAliveTransport() : undefined,
  });
}

/** `/health/ready` includes Meilisearch. */
export function registerMeiliHealth(health: HealthRegistry, meili: Meilisearch): void {
  health.register('meilisearch', async () => {
    const { status } = await meili.health();
    if (status !== 'available') throw new Error(`meilisearch is ${String(status)}`);
  });
}

/** Injection tokens of the service's Meilisearch client and index-name prefix. */
export const MEILI = Symbol('MEILI');
export const INDEX_PREFIX = Symbol('INDEX_PREFIX');

/** The search-only key Meilisearch creates with a master key: what delivery (and readers' tools) get. */
export async function defaultSearchKey(meili: Meilisearch): Promise<string> {
  const { results } = await meili.getKeys({ limit: 100 });
  const key = results.find((k) => k.actions.length === 1 && k.actions[0] === 'search' && k.indexes.includes('*'));
  if (!key) throw new Error('meilisearch has no default search key (is a master key set?)');
  return key.key;
}
