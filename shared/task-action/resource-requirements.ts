import { create } from '@bufbuild/protobuf';
import {
  type Resources,
  Resources_ResourceName,
  ResourcesSchema,
  type Resources_ResourceEntry,
  Resources_ResourceEntrySchema,
} from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { UserError } from '../errors/index.js';

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

/** A non-negative Kubernetes quantity: a decimal number with an optional binary, decimal or exponent suffix. */
const QUANTITY = /^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

function entries(list: ResourceList | undefined, field: string): Resources_ResourceEntry[] {
  return Object.entries(list ?? {}).map(([name, value]) => {
    const resource = RESOURCE_BY_NAME.get(name);
    if (resource === undefined) {
      throw new UserError(
        `unknown resource ${JSON.stringify(name)}`,
        { field: `${field}.${name}` },
        `use one of ${RESOURCE_NAMES.join(', ')}`,
      );
    }
    if (!isQuantity(value)) {
      throw new UserError(
        `${JSON.stringify(value)} is not a valid quantity for ${name}`,
        { field: `${field}.${name}` },
        "use a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi",
      );
    }
    return create(Resources_ResourceEntrySchema, { name: resource, value });
  });
}

/** The protobuf `Resources` for Kubernetes-style requirements; `field` prefixes error locations. */
export function toFlyteResources(requirements: ResourceRequirements, field = 'resources'): Resources {
  return create(ResourcesSchema, {
    requests: entries(requirements.requests, `${field}.requests`),
    limits: entries(requirements.limits, `${field}.limits`),
  });
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
