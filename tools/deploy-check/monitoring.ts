import { Metrics } from '@broadsheet/observability';
import { outboxGaugeNames } from '@broadsheet/messaging';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { IndexMetrics } from '../../apps/search-index/src/indexing/index-metrics';
import { isDeepStrictEqual } from 'node:util';
import { at, Json, K8sObject, list, text } from './manifests';

export const rulesFile = 'ops/prometheus/broadsheet.rules.yml';
export const dashboardFile = 'ops/grafana/broadsheet-dashboard.json';

/** Metrics the dashboard and the alerts read that other software exports, and which. */
const external: Record<string, string> = {
  kafka_consumergroup_lag: "Strimzi's Kafka Exporter (kafkaExporter in k8s/base/kafka/kafka.yaml)",
  kube_deployment_status_replicas_unavailable: 'kube-state-metrics',
  kube_deployment_status_replicas_available: 'kube-state-metrics',
};

const keywords = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** The metric names a PromQL expression reads (label matchers, label lists, ranges and functions left out). */
export function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter((m) => !m[2] && !keywords.has(m[1]!.toLowerCase()))
    .map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''));
  return [...new Set(names)];
}

/** The services' own metric names, from the code that registers them. */
export function exportedMetrics(): Set<string> {
  const metrics = new Metrics();
  new IndexMetrics(metrics); // search-index's own: batch size, publish → searchable, reindex progress
  const own = metrics.registry.getMetricsAsArray().map((m) => m.name);
  return new Set([...own, ...outboxGaugeNames]);
}

export function unknownMetrics(
  where: string,
  exprs: string[],
  known: Set<string>,
): { problems: string[]; read: string[] } {
  const read = [...new Set(exprs.flatMap(metricsIn))].sort();
  const problems = read
    .filter((n) => !known.has(n) && !external[n])
    .map((n) => `${where}: ${n} is exported by nothing known`);
  if (read.length === 0) problems.push(`${where}: reads no metric`);
  return { problems, read };
}

export function externalNote(read: string[]): string[] {
  return read.filter((n) => external[n]).map((n) => `${n}: from ${external[n]}`);
}

export interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; expr: string }> }>;
}

export function loadRules(root: string): RuleFile {
  return load(readFileSync(`${root}/${rulesFile}`, 'utf8')) as RuleFile;
}

/** The production PrometheusRule carries exactly the plain rules file's groups. */
export function ruleCopyProblems(rules: RuleFile, objects: K8sObject[]): string[] {
  const crs = objects.filter((o) => o.kind === 'PrometheusRule');
  if (crs.length !== 1) return [`${crs.length} PrometheusRule resources, expected 1`];
  return isDeepStrictEqual(
    JSON.parse(JSON.stringify(at(crs[0]!.spec, 'groups'))),
    JSON.parse(JSON.stringify(rules.groups)),
  )
    ? []
    : [`PrometheusRule ${crs[0]!.metadata.name} differs from ${rulesFile}`];
}

/** The alerts the handbook promises, by what they watch. */
export function requiredAlertProblems(rules: RuleFile): string[] {
  const exprs = rules.groups
    .flatMap((g) => g.rules)
    .map((r) => r.expr)
    .join('\n');
  const wanted: Array<[string, RegExp]> = [
    ['lag growing', /deriv\([^]*kafka_consumergroup_lag/],
    ['any dead letter', /outcome="dead_lettered"/],
    ['outbox backlog older than a minute', /outbox_oldest_pending_age_seconds[^]*> 60/],
    ['time-to-searchable p99', /histogram_quantile\(0\.99[^]*search_index_event_to_searchable_seconds_bucket/],
    ['service not ready', /kube_deployment_status_replicas_unavailable/],
  ];
  return wanted.filter(([, re]) => !re.test(exprs)).map(([what]) => `no alert for ${what}`);
}

/** Every panel has a query; the golden signals each have a panel. */
export function dashboardExprs(root: string): { exprs: string[]; problems: string[] } {
  const dashboard = JSON.parse(readFileSync(`${root}/${dashboardFile}`, 'utf8')) as Json;
  const panels = list(at(dashboard, 'panels'));
  const problems: string[] = [];
  const exprs: string[] = [];
  for (const panel of panels) {
    const targets = list(at(panel, 'targets')).map((t) => text(at(t, 'expr')) ?? '');
    if (targets.length === 0 || targets.some((e) => !e))
      problems.push(`panel "${text(at(panel, 'title'))}" has an empty query`);
    exprs.push(...targets);
  }
  const titles = panels.map((p) => (text(at(p, 'title')) ?? '').toLowerCase()).join('\n');
  for (const signal of ['searchable', 'lag', 'outbox', 'dead letter', 'http latency', 'http errors', 'memory']) {
    if (!titles.includes(signal)) problems.push(`no panel about ${signal}`);
  }
  return { exprs, problems };
}
