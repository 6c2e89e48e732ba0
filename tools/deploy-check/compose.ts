import path from 'node:path';
import {
  composeTopics,
  meiliKeyProblems,
  nodeOptionProblems,
  schemaProblems,
  serviceSchemas,
  sizeProblems,
  Topics,
} from './consistency';
import { at, Json, list, text } from './manifests';
import { Report } from './report';
import { findTool, output } from './tools';

/**
 * docker-compose.yml: `docker compose config`, then its resolved model (with the development
 * defaults, secrets unset) against the code: topics, each service's config schema, the search key.
 */
export function checkCompose(report: Report, root: string): { topics?: Topics } {
  report.section('docker-compose.yml');
  const compose = findTool('docker-compose');
  if (!compose) {
    report.skip('docker-compose.yml: docker compose config', 'run tools/bin/deploy-tools.sh');
    return {};
  }
  const file = path.join(root, 'docker-compose.yml');
  if (!report.run('docker-compose.yml: docker compose config', compose, ['-f', file, 'config', '--quiet'])) return {};
  const env = { ...process.env };
  for (const secret of ['JWT_SECRET', 'SOURCE_API_KEYS', 'MEILI_MASTER_KEY', 'MEILI_SEARCH_KEY']) delete env[secret];
  const model = JSON.parse(output(compose, ['-f', file, 'config', '--format', 'json'], env)) as Json;
  const services = at(model, 'services');
  const init = at(services, 'kafka-init');
  const topics = composeTopics(
    [...list(at(init, 'entrypoint')), ...list(at(init, 'command'))].map((l) => text(l) ?? '').join('\n'),
  );
  const brokerMax = text(at(services, 'kafka', 'environment', 'KAFKA_MESSAGE_MAX_BYTES'));
  report.check(
    'docker-compose.yml: message sizes agree with libs/contracts',
    sizeProblems('compose', topics, brokerMax),
  );
  const problems = Object.keys(serviceSchemas).flatMap((name) => {
    const environment = at(services, name, 'environment') as Record<string, string | null> | undefined;
    if (!environment) return [`no service ${name}`];
    return [
      ...schemaProblems(name, Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, v ?? '']))),
      ...nodeOptionProblems('compose', name, environment.NODE_OPTIONS ?? undefined),
    ];
  });
  report.check("docker-compose.yml: every service's environment passes its config schema", problems);
  report.check(
    'docker-compose.yml: the search key is the one the master key and uid derive',
    meiliKeyProblems(
      'compose',
      text(at(services, 'meili-init', 'environment', 'MEILI_SEARCH_KEY_UID')),
      text(at(services, 'meilisearch', 'environment', 'MEILI_MASTER_KEY')),
      text(at(services, 'delivery', 'environment', 'MEILI_SEARCH_KEY')),
    ),
  );
  return { topics };
}
