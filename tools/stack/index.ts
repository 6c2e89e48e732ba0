export { startStack, stackOptionsFromEnv, freePorts } from './stack';
export type { ExternalDependencies, LocalStack, StackOptions } from './stack';
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
