import { at, Build, Json, K8sObject, list, podTemplates, text } from './manifests';

/** Non-root, RuntimeDefault seccomp on the pod; no privilege escalation, read-only root, ALL dropped per container. */
function podProblems(where: string, pod: Json | undefined, containers: Json[]): string[] {
  const problems: string[] = [];
  if (at(pod, 'securityContext', 'runAsNonRoot') !== true) problems.push(`${where}: pod runAsNonRoot is not true`);
  if (text(at(pod, 'securityContext', 'seccompProfile', 'type')) !== 'RuntimeDefault') {
    problems.push(`${where}: pod seccompProfile is not RuntimeDefault`);
  }
  for (const c of containers) problems.push(...containerProblems(`${where} ${text(at(c, 'name')) ?? ''}`, c));
  return problems;
}

function containerProblems(where: string, container: Json | undefined): string[] {
  const sc = at(container, 'securityContext');
  const problems: string[] = [];
  if (at(sc, 'allowPrivilegeEscalation') !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
  if (at(sc, 'readOnlyRootFilesystem') !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
  if (!list(at(sc, 'capabilities', 'drop')).includes('ALL')) problems.push(`${where}: capabilities do not drop ALL`);
  return problems;
}

/** Every workload, including those an operator renders from a custom resource's pod template. */
export function securityProblems(build: Build): string[] {
  const problems = podTemplates(build.objects).flatMap(({ where, pod }) =>
    podProblems(where, pod, [...list(at(pod, 'containers')), ...list(at(pod, 'initContainers'))]),
  );
  for (const o of build.objects) problems.push(...customResourceProblems(o));
  return problems;
}

function customResourceProblems(o: K8sObject): string[] {
  const where = `${o.kind}/${o.metadata.name}`;
  if (o.kind === 'MongoDBCommunity') {
    const pod = at(o.spec, 'statefulSet', 'spec', 'template', 'spec');
    return podProblems(where, pod, list(at(pod, 'containers')));
  }
  if (o.kind === 'Kafka') {
    const parts: Array<[string, string]> = [
      ['kafka', 'kafkaContainer'],
      ['kafkaExporter', 'container'],
      ['entityOperator', 'topicOperatorContainer'],
    ];
    return parts.flatMap(([part, container]) => {
      const template = at(o.spec, part, 'template');
      return [
        ...podProblems(`${where} ${part}`, at(template, 'pod'), []),
        ...containerProblems(`${where} ${part}`, at(template, container)),
      ];
    });
  }
  return [];
}

const services = ['ingest', 'editorial', 'search-index', 'delivery'];

/**
 * Default deny in both directions; the ingress controller reaches delivery and editorial only; every
 * service has its egress allowances; an Ingress for delivery and for editorial and none other.
 */
export function networkProblems(build: Build): string[] {
  const policies = build.objects.filter((o) => o.kind === 'NetworkPolicy');
  const problems: string[] = [];
  const denyAll = policies.some(
    (p) =>
      Object.keys(at(p.spec, 'podSelector') ?? {}).length === 0 &&
      list(at(p.spec, 'policyTypes')).includes('Ingress') &&
      list(at(p.spec, 'policyTypes')).includes('Egress') &&
      !at(p.spec, 'ingress') &&
      !at(p.spec, 'egress'),
  );
  if (!denyAll) problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  const fromController = policies.filter((p) =>
    list(at(p.spec, 'ingress')).some((rule) =>
      list(at(rule, 'from')).some((peer) =>
        /ingress/.test(text(at(peer, 'namespaceSelector', 'matchLabels', 'kubernetes.io/metadata.name')) ?? ''),
      ),
    ),
  );
  const reached = fromController.flatMap((p) => selected(p));
  if (reached.sort().join() !== 'delivery,editorial') {
    problems.push(`the ingress controller reaches ${reached.join(', ') || 'nothing'}, not delivery and editorial only`);
  }
  for (const service of services) {
    const egress = policies.filter(
      (p) => list(at(p.spec, 'policyTypes')).includes('Egress') && selected(p).includes(service),
    );
    if (egress.length === 0) problems.push(`${service}: no egress allowance (it could reach nothing but DNS)`);
  }
  const ingresses = build.objects.filter((o) => o.kind === 'Ingress');
  const backends = ingresses.flatMap((i) =>
    list(at(i.spec, 'rules')).flatMap((r) =>
      list(at(r, 'http', 'paths')).map((p) => text(at(p, 'backend', 'service', 'name'))),
    ),
  );
  if ([...new Set(backends)].sort().join() !== 'delivery,editorial') {
    problems.push(`Ingresses route to ${backends.join(', ') || 'nothing'}, not to delivery and editorial only`);
  }
  return problems;
}

/** The services a policy's podSelector picks, by app.kubernetes.io/name. */
function selected(policy: K8sObject): string[] {
  const selector = at(policy.spec, 'podSelector');
  const label = text(at(selector, 'matchLabels', 'app.kubernetes.io/name'));
  if (label) return [label];
  return list(at(selector, 'matchExpressions'))
    .filter((e) => text(at(e, 'key')) === 'app.kubernetes.io/name' && text(at(e, 'operator')) === 'In')
    .flatMap((e) => list(at(e, 'values')).map((v) => text(v) ?? ''));
}
