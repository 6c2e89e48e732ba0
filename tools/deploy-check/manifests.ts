import { loadAll } from 'js-yaml';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { output } from './tools';

/** A Kubernetes object as YAML gives it: only kind and name are relied on without a check. */
export interface K8sObject {
  kind: string;
  apiVersion: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Json;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Follows a path of keys and indexes through parsed YAML or JSON; undefined where it stops. */
export function at(value: unknown, ...keys: Array<string | number>): Json | undefined {
  let here: unknown = value;
  for (const key of keys) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here as Json | undefined;
}

export function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: Json | undefined): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export interface Build {
  dir: string;
  yaml: string;
  objects: K8sObject[];
}

/** The kustomizations to build: the base and every overlay. */
export function kustomizations(root: string): string[] {
  const overlays = path.join(root, 'k8s/overlays');
  const dirs = readdirSync(overlays).map((d) => path.join('k8s/overlays', d));
  return ['k8s/base', ...dirs].filter((d) => existsSync(path.join(root, d, 'kustomization.yaml')));
}

export function build(kustomize: string, root: string, dir: string): Build {
  const yaml = output(kustomize, ['build', path.join(root, dir)]);
  return { dir, yaml, objects: loadAll(yaml).filter((d): d is K8sObject => isObject(d)) };
}

function isObject(doc: unknown): doc is K8sObject {
  return typeof doc === 'object' && doc !== null && 'kind' in doc && 'metadata' in doc;
}

/** Pod templates of the workloads a build declares itself (Deployments, StatefulSets, Jobs). */
export function podTemplates(objects: K8sObject[]): Array<{ where: string; pod: Json | undefined }> {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
    .map((o) => ({ where: `${o.kind}/${o.metadata.name}`, pod: at(o.spec, 'template', 'spec') }));
}
