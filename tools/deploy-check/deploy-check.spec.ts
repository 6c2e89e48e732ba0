import { composeTopics, contractTopics, nodeOptionProblems, schemaProblems, topicDifferences } from './consistency';
import { networkProblems, securityProblems } from './hardening';
import { Build, K8sObject } from './manifests';
import { exportedMetrics, metricsIn, requiredAlertProblems, unknownMetrics } from './monitoring';

const secure = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'delivery',
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      },
    },
  ],
};
const deployment = (pod: object): K8sObject => ({
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: { name: 'delivery' },
  spec: { template: { spec: pod } } as K8sObject['spec'],
});
const buildOf = (...objects: K8sObject[]): Build => ({ dir: 'fixture', yaml: '', objects });

describe('deploy check', () => {
  it("finds a service's V8 flags in NODE_OPTIONS only where the flag V8 keeps (its last) has their value", () => {
    expect(nodeOptionProblems('k8s', 'delivery', '--enable-source-maps --max-old-space-size=256')).toEqual([]);
    expect(nodeOptionProblems('k8s', 'delivery', '--max-old-space-size=384 --max-old-space-size=256')).toEqual([]);
    expect(nodeOptionProblems('k8s', 'delivery', '--max-old-space-size=256 --max-old-space-size=384')).toHaveLength(1);
    expect(nodeOptionProblems('compose', 'delivery', undefined)).toEqual([
      "compose: delivery's NODE_OPTIONS lacks --max-old-space-size=256",
    ]);
    expect(nodeOptionProblems('k8s', 'ingest', undefined)).toEqual([]);
  });

  it('reads the metric names of a PromQL expression, not its labels, functions or ranges', () => {
    expect(
      metricsIn(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{status=~"5.."}[5m]))) > 1',
      ),
    ).toEqual(['http_request_duration_seconds']);
    expect(metricsIn('a_total and on (pod) deriv(b_lag[5m:30s]) > 0')).toEqual(['a_total', 'b_lag']);
  });

  it("flags a metric nothing exports, and knows the services' own", () => {
    const known = exportedMetrics();
    expect(known.has('kafka_messages_consumed_total')).toBe(true);
    expect(known.has('outbox_oldest_pending_age_seconds')).toBe(true);
    expect(unknownMetrics('rules', ['rate(kafka_messages_consumd_total[5m])'], known).problems).toEqual([
      'rules: kafka_messages_consumd_total is exported by nothing known',
    ]);
  });

  it('finds a topic whose partitions or config differ from the contracts', () => {
    const compose = composeTopics('topic articles.content.v1 --partitions 3 --config cleanup.policy=compact\n');
    const differences = topicDifferences(['libs/contracts', contractTopics()], ['compose', compose]);
    expect(differences.some((d) => d.startsWith('articles.content.v1:'))).toBe(true);
    expect(differences.some((d) => d.startsWith('ingest.submissions.v1:') && d.endsWith('missing'))).toBe(true);
  });

  it("runs each service's own config schema over an environment", () => {
    expect(schemaProblems('delivery', { JWT_SECRET: 's'.repeat(16) })).toEqual([
      'delivery: MEILI_SEARCH_KEY: Invalid input: expected string, received undefined',
    ]);
    expect(schemaProblems('delivery', { JWT_SECRET: 's'.repeat(16), MEILI_SEARCH_KEY: 'k'.repeat(16) })).toEqual([]);
  });

  it('refuses a container that may write its root filesystem or keeps capabilities', () => {
    expect(securityProblems(buildOf(deployment(secure)))).toEqual([]);
    const loose = {
      ...secure,
      containers: [{ name: 'delivery', securityContext: { allowPrivilegeEscalation: false } }],
    };
    expect(securityProblems(buildOf(deployment(loose)))).toEqual([
      'Deployment/delivery delivery: readOnlyRootFilesystem is not true',
      'Deployment/delivery delivery: capabilities do not drop ALL',
    ]);
  });

  it('wants default deny, the ingress controller to delivery and editorial only, and an Ingress for each', () => {
    const problems = networkProblems(buildOf());
    expect(problems[0]).toMatch(/no default-deny NetworkPolicy/);
    expect(problems).toContain('the ingress controller reaches nothing, not delivery and editorial only');
    expect(problems).toContain('ingest: no egress allowance (it could reach nothing but DNS)');
  });

  it('names each alert the handbook explains when it is missing', () => {
    expect(requiredAlertProblems({ groups: [] })).toHaveLength(5);
  });
});
