import { TopicSpecs, KAFKA_MESSAGE_MAX_BYTES, MAX_EVENT_BYTES } from '@broadsheet/contracts';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { deliveryConfigSchema } from '../../apps/delivery/src/config';
import { editorialConfigSchema } from '../../apps/editorial/src/config';
import { ingestConfigSchema } from '../../apps/ingest/src/config';
import { searchIndexConfigSchema } from '../../apps/search-index/src/config';
import { serviceNodeOptions, ServiceName } from '../platform/services';
import { at, Build, Json, K8sObject, list, text } from './manifests';

/** Each service's own config schema: what its environment must pass, wherever it is written. */
export const serviceSchemas: Record<string, z.ZodType> = {
  ingest: ingestConfigSchema,
  editorial: editorialConfigSchema,
  'search-index': searchIndexConfigSchema,
  delivery: deliveryConfigSchema,
};

export type Topics = Record<string, { partitions: number; config: Record<string, string> }>;

export function contractTopics(): Topics {
  return Object.fromEntries(
    TopicSpecs.map((t) => [
      t.topic,
      { partitions: t.numPartitions, config: Object.fromEntries(t.configEntries.map((c) => [c.name, c.value])) },
    ]),
  );
}

export function kafkaTopics(objects: K8sObject[]): Topics {
  return Object.fromEntries(
    objects
      .filter((o) => o.kind === 'KafkaTopic')
      .map((o) => {
        const config = at(o.spec, 'config') as Record<string, Json> | undefined;
        return [
          text(at(o.spec, 'topicName')) ?? o.metadata.name,
          {
            partitions: Number(at(o.spec, 'partitions')),
            config: Object.fromEntries(Object.entries(config ?? {}).map(([k, v]) => [k, text(v) ?? ''])),
          },
        ];
      }),
  );
}

/** The `topic NAME --partitions N --config k=v` lines of docker-compose.yml's kafka-init script. */
export function composeTopics(script: string): Topics {
  const topics: Topics = {};
  for (const [, name, rest] of script.matchAll(/^\s*topic\s+(\S+)\s+(.*)$/gm)) {
    if (!name || !rest || name.startsWith('"')) continue;
    topics[name] = {
      partitions: Number(/--partitions\s+(\d+)/.exec(rest)?.[1]),
      config: Object.fromEntries([...rest.matchAll(/--config\s+([\w.]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
    };
  }
  return topics;
}

/** Differences between two topic lists, as lines; none when they agree. */
export function topicDifferences(a: [string, Topics], b: [string, Topics]): string[] {
  const canon = (t: Topics[string] | undefined) =>
    t && JSON.stringify([t.partitions, Object.entries(t.config).sort(([x], [y]) => x.localeCompare(y))]);
  const names = [...new Set([...Object.keys(a[1]), ...Object.keys(b[1])])].sort();
  return names
    .filter((n) => canon(a[1][n]) !== canon(b[1][n]))
    .map((n) => `${n}: ${a[0]} ${canon(a[1][n]) ?? 'missing'} vs ${b[0]} ${canon(b[1][n]) ?? 'missing'}`);
}

/** Every topic states the broker's message size, and producers stay under it. */
export function sizeProblems(where: string, topics: Topics, brokerMax: string | undefined): string[] {
  const want = String(KAFKA_MESSAGE_MAX_BYTES);
  const problems = Object.entries(topics)
    .filter(([, t]) => t.config['max.message.bytes'] !== want)
    .map(([n, t]) => `${where} ${n}: max.message.bytes ${t.config['max.message.bytes']}, not ${want}`);
  if (brokerMax !== want) problems.push(`${where}: broker message.max.bytes ${brokerMax}, not ${want}`);
  if (!(MAX_EVENT_BYTES < KAFKA_MESSAGE_MAX_BYTES)) problems.push(`MAX_EVENT_BYTES leaves no headroom`);
  return problems;
}

/** A Deployment container's environment as the cluster would resolve it from the build. */
export function resolveEnv(build: Build, container: Json | undefined, problems: string[]): Record<string, string> {
  const maps = new Map(build.objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data ?? {}]));
  const secrets = new Map(
    build.objects.filter((o) => o.kind === 'Secret').map((o) => [o.metadata.name, secretData(o)]),
  );
  const env: Record<string, string> = {};
  for (const from of list(at(container, 'envFrom'))) {
    const name = text(at(from, 'configMapRef', 'name'));
    if (name && !maps.has(name)) problems.push(`envFrom ConfigMap ${name} is not in the build`);
    Object.assign(env, name ? maps.get(name) : {});
  }
  for (const entry of list(at(container, 'env'))) {
    const name = text(at(entry, 'name'))!;
    const value = text(at(entry, 'value'));
    const cm = at(entry, 'valueFrom', 'configMapKeyRef');
    const secret = at(entry, 'valueFrom', 'secretKeyRef');
    if (value !== undefined) env[name] = value;
    else if (cm) env[name] = lookup(maps, cm, name, problems, false) ?? '';
    else if (secret) {
      const found = lookup(secrets, secret, name, problems, isExternal(build, secret));
      if (found !== undefined) env[name] = found;
    }
  }
  return env;
}

function secretData(o: K8sObject): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.data ?? {})) decoded[k] = Buffer.from(v, 'base64').toString();
  return { ...decoded, ...(o.stringData ?? {}) };
}

/**
 * Secrets the build does not hold on purpose: the MongoDB operator's connection strings, and every
 * Secret of an overlay that generates none (production: created by hand, never in git).
 */
function isExternal(build: Build, ref: Json): boolean {
  const name = text(at(ref, 'name')) ?? '';
  return name.startsWith('broadsheet-mongo-admin-') || !build.objects.some((o) => o.kind === 'Secret');
}

function lookup(
  source: Map<string, Record<string, string>>,
  ref: Json,
  variable: string,
  problems: string[],
  external: boolean,
): string | undefined {
  const name = text(at(ref, 'name'))!;
  const key = text(at(ref, 'key'))!;
  const found = source.get(name)?.[key];
  if (found !== undefined) return found;
  if (at(ref, 'optional') === true) return undefined;
  if (external) return standIn(name, key);
  problems.push(`${variable} <- ${name}/${key}, which the build does not hold`);
  return undefined;
}

/** A value of the right shape for a Secret made outside the build. */
function standIn(name: string, key: string): string {
  if (name.startsWith('broadsheet-mongo-admin-'))
    return 'mongodb://user:pw@broadsheet-mongo-0.broadsheet-mongo-svc:27017/admin';
  if (key === 'SOURCE_API_KEYS') return 'wire:0123456789abcdef0123456789abcdef';
  return `external-${key.toLowerCase()}-0123456789abcdef`;
}

/** Problems a service's config schema finds in an environment. */
export function schemaProblems(service: string, env: Record<string, string | undefined>): string[] {
  const schema = serviceSchemas[service];
  if (!schema) return [`no config schema for ${service}`];
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${service}: ${i.path.join('.')}: ${i.message}`);
}

/** delivery's search key is what Meilisearch derives from the uid and the master key. */
export function meiliKeyProblems(where: string, uid?: string, master?: string, searchKey?: string): string[] {
  if (!uid || !master || !searchKey) return [`${where}: uid, master key or search key missing`];
  const derived = createHmac('sha256', master).update(uid).digest('hex');
  return derived === searchKey ? [] : [`${where}: MEILI_SEARCH_KEY is not hex(HMAC-SHA256(uid, master key))`];
}

/**
 * The V8 flags a service runs with (tools/platform/services.ts) are in the NODE_OPTIONS it gets, each
 * flag's last mention (the one V8 keeps) with the same value.
 */
export function nodeOptionProblems(where: string, service: string, nodeOptions: string | undefined): string[] {
  const given = (nodeOptions ?? '').split(/\s+/).filter(Boolean);
  const wanted = (serviceNodeOptions[service as ServiceName] ?? '').split(/\s+/).filter(Boolean);
  return wanted
    .filter((flag) => given.findLast((g) => g.split('=')[0] === flag.split('=')[0]) !== flag)
    .map((flag) => `${where}: ${service}'s NODE_OPTIONS lacks ${flag}`);
}
