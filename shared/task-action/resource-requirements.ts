import { create } from '@bufbuild/protobuf';
import {
  type Resources,
  Resources_ResourceName,
  ResourcesSchema,
  type Resources_ResourceEntry,
  Resources_ResourceEntrySchema,
} from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { UserError } from '../errors/index.js';
import { isQuantity } from './quantity.js';

/** Kubernetes-style resource quantities by resource name, e.g. `{ cpu: '500m', memory: '1Gi' }`. */
export type ResourceList = Record<string, string>;

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

/**
 * Flyte names resources with an enum; these are the Kubernetes names each stands for. GPU is written as
 * `nvidia.com/gpu`, the name Flyte's executor uses by default, and also accepted as `gpu`.
 */
const KUBE_NAME_BY_RESOURCE = new Map<Resources_ResourceName, string>([
  [Resources_ResourceName.CPU, 'cpu'],
  [Resources_ResourceName.MEMORY, 'memory'],
  [Resources_ResourceName.GPU, 'nvidia.com/gpu'],
  [Resources_ResourceName.STORAGE, 'storage'],
  [Resources_ResourceName.EPHEMERAL_STORAGE, 'ephemeral-storage'],
]);

const RESOURCE_BY_NAME = new Map<string, Resources_ResourceName>([
  ...[...KUBE_NAME_BY_RESOURCE].map(([resource, name]): [string, Resources_ResourceName] => [name, resource]),
  ['gpu', Resources_ResourceName.GPU],
]);

export const RESOURCE_NAMES: readonly string[] = [...RESOURCE_BY_NAME.keys()];

/** The resource's Flyte name, or a `UserError` on `field` naming the ones there are. */
export function flyteResourceName(name: string, field: string): Resources_ResourceName {
  const resource = RESOURCE_BY_NAME.get(name);
  if (resource === undefined) {
    throw new UserError(`unknown resource ${JSON.stringify(name)}`, { field }, `use one of ${RESOURCE_NAMES.join(', ')}`);
  }
  return resource;
}

/** The value, or a `UserError` on `field` when it is not a Kubernetes quantity. */
export function checkedQuantity(name: string, value: unknown, field: string): string {
  if (typeof value !== 'string' || !isQuantity(value)) {
    throw new UserError(
      `${JSON.stringify(value)} is not a valid quantity for ${name}`,
      { field },
      'use a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi',
    );
  }
  return value;
}

/** A checked list under Kubernetes names (`gpu` becomes `nvidia.com/gpu`), in the order given. */
function canonicalList(list: ResourceList | undefined, field: string): ResourceList {
  const result: ResourceList = {};
  for (const [name, value] of Object.entries(list ?? {})) {
    const resource = flyteResourceName(name, `${field}.${name}`);
    result[KUBE_NAME_BY_RESOURCE.get(resource) ?? name] = checkedQuantity(name, value, `${field}.${name}`);
  }
  return result;
}

/** Checked requirements under Kubernetes names; `field` prefixes error locations. */
export function canonicalResources(requirements: ResourceRequirements, field = 'resources'): Required<ResourceRequirements> {
  return { requests: canonicalList(requirements.requests, `${field}.requests`), limits: canonicalList(requirements.limits, `${field}.limits`) };
}

function entries(list: ResourceList): Resources_ResourceEntry[] {
  return Object.entries(list).map(([name, value]) => create(Resources_ResourceEntrySchema, { name: RESOURCE_BY_NAME.get(name), value }));
}

/** The protobuf `Resources` for Kubernetes-style requirements; `field` prefixes error locations. */
export function toFlyteResources(requirements: ResourceRequirements, field = 'resources'): Resources {
  const { requests, limits } = canonicalResources(requirements, field);
  return create(ResourcesSchema, { requests: entries(requests), limits: entries(limits) });
}

function toList(list: readonly Resources_ResourceEntry[]): ResourceList {
  const result: ResourceList = {};
  for (const entry of list) {
    const name = KUBE_NAME_BY_RESOURCE.get(entry.name);
    // UNKNOWN has no Kubernetes name, so there is nothing to show it as.
    if (name !== undefined) result[name] = entry.value;
  }
  return result;
}

/** Kubernetes-style requirements for protobuf `Resources`. */
export function fromFlyteResources(resources: Resources | undefined): Required<ResourceRequirements> {
  return { requests: toList(resources?.requests ?? []), limits: toList(resources?.limits ?? []) };
}
