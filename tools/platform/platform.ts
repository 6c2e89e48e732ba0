import { signToken } from '@broadsheet/auth';
import { createMeili, defaultSearchKey } from '@broadsheet/search';
import { TopicSpecs } from '@broadsheet/contracts';
import { randomBytes } from 'node:crypto';
import { ensureTopics } from '../stack';
import { ServiceName, ServiceProcess } from './services';

/** Where a platform's dependencies are, and the prefix that isolates its topics, databases and indexes. */
export interface PlatformTarget {
  kafkaBrokers: string;
  mongoUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  prefix: string;
}

/** Secrets and keys one platform runs with. */
export interface PlatformSecrets {
  jwtSecret: string;
  sourceApiKey: string;
  meiliSearchKey: string;
}

export async function platformSecrets(ctx: PlatformTarget): Promise<PlatformSecrets> {
  return {
    jwtSecret: randomBytes(24).toString('hex'),
    sourceApiKey: randomBytes(24).toString('hex'),
    meiliSearchKey: await defaultSearchKey(createMeili(ctx.meiliUrl, ctx.meiliMasterKey)),
  };
}

/** Each service's environment, isolated under the context's prefix. */
export function serviceEnv(name: ServiceName, ctx: PlatformTarget, secrets: PlatformSecrets): Record<string, string> {
  const common = {
    KAFKA_BROKERS: ctx.kafkaBrokers,
    MONGO_URL: ctx.mongoUrl,
    TOPIC_PREFIX: ctx.prefix,
    CONSUMER_MAX_ATTEMPTS: '3',
    JWT_SECRET: secrets.jwtSecret,
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
      return { ...common, MONGO_DB: `${ctx.prefix}editorial`, OUTBOX_POLL_MS: '200' };
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
  return signToken(secrets.jwtSecret, { sub: 'demo-editor', name: 'Demo Editor', roles });
}

/** Starts services as separate processes, in parallel, each waiting for its readiness. */
export async function startServices(
  names: readonly ServiceName[],
  ctx: PlatformTarget,
  secrets: PlatformSecrets,
  ports: Partial<Record<ServiceName, number>> = {},
): Promise<Record<string, ServiceProcess>> {
  const env = (n: ServiceName): Record<string, string> => ({
    ...serviceEnv(n, ctx, secrets),
    ...(ports[n] ? { PORT: String(ports[n]) } : {}),
  });
  const started = await Promise.all(names.map((n) => ServiceProcess.start(n, env(n))));
  return Object.fromEntries(started.map((s) => [s.name, s]));
}

/** Creates the platform's topics (and their dead-letter topics) under the target's prefix. */
export async function createPlatformTopics(target: PlatformTarget): Promise<void> {
  await ensureTopics(
    target.kafkaBrokers,
    TopicSpecs.map((s) => ({ ...s, topic: `${target.prefix}${s.topic}` })),
  );
}

/** A platform on its own prefix: its topics, its secrets, and these services running and ready. */
export async function startPlatform(
  target: PlatformTarget,
  names: readonly ServiceName[],
): Promise<{ secrets: PlatformSecrets; svc: Record<string, ServiceProcess> }> {
  await createPlatformTopics(target);
  const secrets = await platformSecrets(target);
  return { secrets, svc: await startServices(names, target, secrets) };
}
