import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkCompose } from './compose';
import {
  contractTopics,
  kafkaTopics,
  meiliKeyProblems,
  nodeOptionProblems,
  resolveEnv,
  schemaProblems,
  serviceSchemas,
  sizeProblems,
  topicDifferences,
  Topics,
} from './consistency';
import { networkProblems, securityProblems } from './hardening';
import { at, Build, build, kustomizations, list, podTemplates, text } from './manifests';
import {
  dashboardExprs,
  exportedMetrics,
  externalNote,
  loadRules,
  requiredAlertProblems,
  ruleCopyProblems,
  rulesFile,
  unknownMetrics,
} from './monitoring';
import { Report } from './report';
import { cacheBin, findTool } from './tools';

/**
 * The deployment files checked without a container or a cluster: the Dockerfile, docker-compose.yml,
 * every kustomization, the alert rules and the dashboard, with the validators tools/bin/deploy-tools.sh
 * installs, and their consistency with the code itself (contracts, config schemas, metrics). A check
 * whose tool is missing is SKIPPED with the reason, never passed; --require-all fails on any skip.
 */
const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
const report = new Report();
const work = mkdtempSync(path.join(tmpdir(), 'deploy-check-'));

function dockerfile(): void {
  report.section('Dockerfile');
  const check = findTool('dockerfile-check-v0.34.2');
  if (check) report.run("Dockerfile: BuildKit's parser and build checks", check, [path.join(root, 'Dockerfile')]);
  else report.skip("Dockerfile: BuildKit's parser and build checks", 'run tools/bin/deploy-tools.sh');
  const hadolint = findTool('hadolint');
  if (hadolint) report.run('Dockerfile: hadolint', hadolint, [path.join(root, 'Dockerfile')]);
  else report.skip('Dockerfile: hadolint', 'run tools/bin/deploy-tools.sh');
  const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const missing = ['node_modules', 'dist', '.git', 'coverage', '.data'].filter(
    (e) => !ignored.some((l) => l.replace(/^\*\*\//, '').replace(/\/$/, '') === e),
  );
  const script = /^if \[ "\$SERVICE" = delivery \].*\n\s*export NODE_OPTIONS="([^"]*)"/m.exec(
    readFileSync(path.join(root, 'Dockerfile'), 'utf8'),
  );
  report.check(
    "Dockerfile: delivery's V8 flags (tools/platform/services.ts) in the entry script",
    nodeOptionProblems('Dockerfile', 'delivery', script?.[1]),
  );
  report.check(
    '.dockerignore: build outputs and local state excluded',
    missing.map((m) => `lacks ${m}`),
  );
}

function kubernetes(kustomize: string): Build[] {
  report.section('k8s: kustomize builds and Kubernetes schemas');
  const builds: Build[] = [];
  for (const dir of kustomizations(root)) {
    try {
      const built = build(kustomize, root, dir);
      builds.push(built);
      report.check(`${dir}: kustomize build`, [], [`${built.objects.length} resources`]);
    } catch (error) {
      report.check(`${dir}: kustomize build`, [String(error)]);
    }
  }
  const validate = findTool('kubernetes-validate');
  for (const b of builds.filter((x) => x.dir !== 'k8s/base')) {
    if (!validate) {
      report.skip(`${b.dir}: kubernetes-validate --strict`, 'run tools/bin/deploy-tools.sh');
      continue;
    }
    const file = path.join(work, `${b.dir.replace(/\//g, '_')}.yaml`);
    writeFileSync(file, b.yaml);
    report.run(
      `${b.dir}: kubernetes-validate --strict (built-in kinds; CRDs are not available offline)`,
      validate,
      ['--strict', '-k', process.env.K8S_VERSION ?? '1.31.0', '--quiet', file],
      { quiet: /Couldn't find schema for kind/ },
    );
  }
  return builds;
}

function consistency(builds: Build[], compose: { topics?: Topics }): void {
  report.section('consistency with the code');
  if (builds.length === 0) report.skip('k8s: topics, sizes and environments against the code', 'no kustomize build');
  const base = builds.find((b) => b.dir === 'k8s/base');
  const contracts: [string, Topics] = ['libs/contracts', contractTopics()];
  if (base) {
    const topics = kafkaTopics(base.objects);
    report.check(
      'topics: KafkaTopic resources = libs/contracts TopicSpecs',
      topicDifferences(contracts, ['k8s', topics]),
      [`${Object.keys(topics).length} topics`],
    );
    const kafka = base.objects.find((o) => o.kind === 'Kafka');
    const brokerMax = text(at(kafka?.spec, 'kafka', 'config', 'message.max.bytes'));
    report.check(
      'message sizes: broker, topics and producer limit agree (k8s)',
      sizeProblems('k8s', topics, brokerMax),
    );
    const content = topics['articles.content.v1'];
    const log = content?.config['cleanup.policy'] === 'compact' && content.config['retention.ms'] === '-1';
    report.check(
      'content log: compacted, kept forever',
      log ? [] : ['articles.content.v1 is not compact with retention.ms=-1'],
    );
  }
  if (compose.topics) {
    report.check(
      'topics: docker-compose kafka-init = libs/contracts TopicSpecs',
      topicDifferences(contracts, ['compose', compose.topics]),
    );
  }
  for (const b of builds.filter((x) => x.dir !== 'k8s/base')) {
    const problems: string[] = [];
    for (const { where, pod } of podTemplates(b.objects)) {
      for (const container of list(at(pod, 'containers'))) {
        const service = text(at(container, 'name')) ?? '';
        if (!serviceSchemas[service]) continue;
        const env = resolveEnv(b, container, problems);
        problems.push(...schemaProblems(service, env).map((p) => `${where}: ${p}`));
        problems.push(...nodeOptionProblems(where, service, env.NODE_OPTIONS));
      }
    }
    report.check(`${b.dir}: every service's environment passes its config schema`, problems);
  }
  const dev = builds.find((b) => b.dir === 'k8s/overlays/dev');
  const job = dev && podTemplates(dev.objects).find((t) => t.where === 'Job/meili-search-key');
  if (dev && job) {
    const env = resolveEnv(dev, list(at(job.pod, 'containers'))[0], []);
    report.check(
      'k8s/overlays/dev: the search key is the one the master key and uid derive',
      meiliKeyProblems('dev', env.MEILI_SEARCH_KEY_UID, env.MEILI_MASTER_KEY, env.MEILI_SEARCH_KEY),
    );
  }
}

function hardening(builds: Build[]): void {
  report.section('a locked-down cluster');
  if (builds.length === 0) {
    report.skip('k8s: security contexts, NetworkPolicies, Ingresses, the ferretdb component', 'no kustomize build');
    return;
  }
  for (const b of builds.filter((x) => x.dir !== 'k8s/base')) {
    report.check(
      `${b.dir}: every container non-root, read-only root, ALL dropped, seccomp RuntimeDefault`,
      securityProblems(b),
    );
    report.check(
      `${b.dir}: default deny, ingress controller to delivery and editorial only, egress per service`,
      networkProblems(b),
    );
  }
  const ferret = builds.find((b) => b.dir === 'k8s/overlays/dev-ferretdb');
  const swapped =
    ferret &&
    !ferret.objects.some((o) => o.kind === 'MongoDBCommunity') &&
    ferret.objects.some((o) => o.metadata.name === 'ferretdb') &&
    ferret.objects.some((o) => o.metadata.name === 'postgres-documentdb');
  report.check(
    'components/ferretdb: selected by overlays/dev-ferretdb, replaces MongoDB',
    swapped ? [] : ['not swapped in'],
  );
}

function monitoring(builds: Build[]): void {
  report.section('alerts and dashboard');
  const rules = loadRules(root);
  report.check(`${rulesFile}: the five alerts the handbook explains`, requiredAlertProblems(rules));
  const production = builds.find((b) => b.dir === 'k8s/overlays/production');
  if (production) {
    report.check('production PrometheusRule = the plain rules file', ruleCopyProblems(rules, production.objects));
  } else report.skip('production PrometheusRule = the plain rules file', 'no kustomize build');
  const known = exportedMetrics();
  const alerts = unknownMetrics(
    'rules',
    rules.groups.flatMap((g) => g.rules.map((r) => r.expr)),
    known,
  );
  report.check('rules read metrics something exports', alerts.problems, externalNote(alerts.read));
  const dashboard = dashboardExprs(root);
  const panels = unknownMetrics('dashboard', dashboard.exprs, known);
  report.check('dashboard: golden-signal panels, metrics something exports', [
    ...dashboard.problems,
    ...panels.problems,
  ]);
  const promtool = findTool('promtool');
  if (promtool)
    report.run(`promtool check rules ${rulesFile}`, promtool, ['check', 'rules', path.join(root, rulesFile)]);
  else
    report.skip('promtool check rules', 'run tools/bin/deploy-tools.sh (builds promtool from the Prometheus module)');
}

function main(): number {
  process.stdout.write(`deploy-check: ${root} (tools from PATH and ${cacheBin})\n`);
  dockerfile();
  const compose = checkCompose(report, root);
  const kustomize = findTool('kustomize');
  const builds = kustomize ? kubernetes(kustomize) : [];
  if (!kustomize) report.skip('k8s: kustomize build', 'run tools/bin/deploy-tools.sh');
  consistency(builds, compose);
  hardening(builds);
  monitoring(builds);
  rmSync(work, { recursive: true, force: true });
  const { failed, skipped } = report.summary();
  return failed > 0 || (process.argv.includes('--require-all') && skipped > 0) ? 1 : 0;
}

process.exitCode = main();
