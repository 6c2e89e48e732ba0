import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__BROADSHEET_STACK__?.stop();
  // KEEP_TEST_DATA=1 keeps Kafka's, FerretDB's and Meilisearch's data and logs for a post-mortem.
  const dataDir = globalThis.__BROADSHEET_DATA_DIR__;
  if (dataDir && !process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
}
