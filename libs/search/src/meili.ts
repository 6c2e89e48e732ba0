import { HealthRegistry } from '@broadsheet/observability';
import { Meilisearch } from 'meilisearch';

export function createMeili(host: string, apiKey: string): Meilisearch {
  return new Meilisearch({ host, apiKey });
}

/** `/health/ready` includes Meilisearch. */
export function registerMeiliHealth(health: HealthRegistry, meili: Meilisearch): void {
  health.register('meilisearch', async () => {
    const { status } = await meili.health();
    if (status !== 'available') throw new Error(`meilisearch is ${status}`);
  });
}

/** Injection tokens of the service's Meilisearch client and index-name prefix. */
export const MEILI = Symbol('MEILI');
export const INDEX_PREFIX = Symbol('INDEX_PREFIX');
