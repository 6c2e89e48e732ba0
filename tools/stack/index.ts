export { startStack, stackOptionsFromEnv, freePorts } from './stack';
export type { Dependency, DependencyName, ExternalDependencies, LocalStack, StackOptions } from './stack';
export { DOCUMENTDB_VERSION, ensurePostgres, POSTGRES_MAJOR } from './postgres-install';
export { ensureTopics } from './topics';
export type { TopicSpec } from './topics';
export {
  cacheRoot,
  ensureFerretDb,
  ensureKafka,
  ensureMeilisearch,
  FERRETDB_VERSION,
  KAFKA_VERSION,
  MEILISEARCH_VERSION,
  PrerequisiteError,
} from './provision';
export type { BinaryInstall, KafkaInstall, Log } from './provision';
