import { ServiceName } from '@broadsheet/testing';

/** What each service's readiness must check: every dependency it uses, and its consumer. */
const dependencies: Record<ServiceName, string[]> = {
  ingest: ['kafka', 'kafka-consumer', 'mongo'],
  editorial: ['kafka', 'kafka-consumer', 'mongo'],
  'search-index': ['kafka', 'kafka-consumer', 'meilisearch', 'index-settings'],
  delivery: ['kafka', 'kafka-consumer', 'meilisearch', 'mongo'],
};

/** The `checks` of a ready service: each of its dependencies, and nothing else, answering ok. */
export function expectedChecks(name: ServiceName): Record<string, string> {
  return Object.fromEntries(dependencies[name].map((check) => [check, 'ok']));
}

/** A service's readiness checks, in sorted order. */
export function dependenciesOf(name: ServiceName): string[] {
  return [...dependencies[name]].sort();
}
