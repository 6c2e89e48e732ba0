import { signToken } from '@broadsheet/auth';
import { createMeili, defaultSearchKey } from '@broadsheet/search';
import { randomBytes } from 'node:crypto';
import { TestContext } from './context';
import { ServiceName, ServiceProcess } from './service-process';

/** Secrets and keys one test platform runs with. */
export interface PlatformSecrets {
  jwtSecret: string;
  sourceApiKey: string;
  meiliSearchKey: string;
}

export async function platformSecrets(ctx: TestContext): Promise<PlatformSecrets> {
  return {
    jwtSecret: randomBytes(24).toString('hex'),
    sourceApiKey: randomBytes(24).toString('hex'),
    meiliSearchKey: await defaultSearchKey(createMeili(ctx.meiliUrl, ctx.meiliMasterKey)),
  };
}

/** Each service's environment, isolated under the context's prefix. */
export function serviceEnv(name: ServiceName, ctx: TestContext, secrets: PlatformSecrets): Record<string, string> {
  const common = {
    KAFKA_BROKERS: ctx.kafkaBrokers,
    MONGO_URL: ctx.mongoUrl,
    TOPIC_PREFIX: ctx.prefix,
    CONSUMER_MAX_ATTEMPTS: '3',
  };
  const meili = { MEILI_URL: ctx.meiliUrl, MEILI_INDEX_PREFIX: ctx.prefix };
  switch (name) {
    case 'ingest':
      return {
        ...common,
        MONGO_DB: `${ctx.prefix}ingest`,
        SOURCE_API_KEYS: `wire:${secrets.sourceApiKey}`,
        OUTBOX_POLL_MS: '200',
      };
    case 'editorial':
      return { ...common, MONGO_DB: `${ctx.prefix}editorial`, JWT_SECRET: secrets.jwtSecret, OUTBOX_POLL_MS: '200' };
    case 'search-index':
      return { ...common, ...meili, MEILI_MASTER_KEY: ctx.meiliMasterKey };
    case 'delivery':
      return { ...common, ...meili, MONGO_DB: `${ctx.prefix}delivery`, MEILI_SEARCH_KEY: secrets.meiliSearchKey };
  }
}

export function editorToken(
  secrets: PlatformSecrets,
  roles: Array<'writer' | 'editor' | 'admin'> = ['editor'],
): string {
  return signToken(secrets.jwtSecret, { sub: 'test-editor', name: 'Test Editor', roles });
}

/** Starts services as separate processes, in parallel, each waiting for its readiness. */
export async function startServices(
  names: readonly ServiceName[],
  ctx: TestContext,
  secrets: PlatformSecrets,
): Promise<Record<string, ServiceProcess>> {
  const started = await Promise.all(names.map((n) => ServiceProcess.start(n, serviceEnv(n, ctx, secrets))));
  return Object.fromEntries(started.map((s) => [s.name, s]));
}
