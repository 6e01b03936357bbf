import { type KubeObject } from './kube-object.js';
import {
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  CUSTOM_RESOURCE_DEFINITIONS,
  DEPLOYMENTS,
  EVENTS,
  EVENTS_V1,
  JOBS,
  LEASES,
  NAMESPACES,
  NODES,
  PODS,
  ROLE_BINDINGS,
  type ResourceType,
  SERVICE_ACCOUNTS,
  SERVICES,
  apiVersionOf,
} from './resource-type.js';

const BUILT_IN: readonly ResourceType[] = [
  PODS,
  NAMESPACES,
  NODES,
  EVENTS,
  EVENTS_V1,
  SERVICE_ACCOUNTS,
  SERVICES,
  JOBS,
  DEPLOYMENTS,
  LEASES,
  CLUSTER_ROLES,
  CLUSTER_ROLE_BINDINGS,
  ROLE_BINDINGS,
  CUSTOM_RESOURCE_DEFINITIONS,
];

/**
 * The resource type of an object read from a manifest, by its apiVersion and kind, among the built-in types
 * this project uses plus `extra` (custom resources). Without discovery, an unknown kind is an error rather than
 * a guessed plural.
 */
export function resourceTypeOf(object: KubeObject, extra: readonly ResourceType[] = []): ResourceType {
  const type = [...extra, ...BUILT_IN].find((t) => apiVersionOf(t) === object.apiVersion && t.kind === object.kind);
  if (!type) {
    const name = object.metadata?.name ?? '(no name)';
    throw new Error(`no resource type known for apiVersion "${object.apiVersion ?? ''}", kind "${object.kind ?? ''}" (object ${name})`);
  }
  return type;
}
