import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStack, stackOptionsFromEnv, startStack } from '../tools/stack';

declare global {
  var __BROADSHEET_STACK__: LocalStack | undefined;
  var __BROADSHEET_DATA_DIR__: string | undefined;
}

/** Starts Kafka, the Mongo store and Meilisearch once for the whole run; workers read their URLs from the environment. */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-test-'));
  const started = Date.now();
  const stack = await startStack({ dataDir, ...stackOptionsFromEnv() });
  globalThis.__BROADSHEET_STACK__ = stack;
  globalThis.__BROADSHEET_DATA_DIR__ = dataDir;
  process.env.KAFKA_BROKERS = stack.kafkaBrokers;
  process.env.MONGO_URL = stack.mongoUrl;
  process.env.MEILI_URL = stack.meiliUrl;
  process.env.MEILI_MASTER_KEY = stack.meiliMasterKey;
  process.stdout.write(
    `\ntest stack ready in ${Date.now() - started} ms (data in ${dataDir}; KEEP_TEST_DATA=1 keeps it)\n`,
  );
}
