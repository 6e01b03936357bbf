import { type AllocationStatus } from './allocation-status.js';

/**
 * The name of a resource pool, e.g. a cluster or an external service with a limited number of outstanding
 * requests. Pools of a plugin are sub-namespaces of the plugin's namespace.
 */
export type ResourceNamespace = string;

const NAMESPACE_SEPARATOR = ':';

/** `parent:child`, as upstream's `CreateSubNamespace`. */
export function createSubNamespace(parent: ResourceNamespace, child: ResourceNamespace): ResourceNamespace {
  return `${parent}${NAMESPACE_SEPARATOR}${child}`;
}

/** A cap on tokens in use; a request is allowed while `value` is greater than the number in use. */
export interface ResourceConstraint {
  value: number;
}

/**
 * Caps a plugin asks for on top of the pool's quota; an absent level has no cap. The project level counts the
 * tokens of the requester's project, the namespace level those of its project and domain.
 */
export interface ResourceConstraintsSpec {
  projectScopeResourceConstraint?: ResourceConstraint;
  namespaceScopeResourceConstraint?: ResourceConstraint;
}

/** Plugins declare their pools and quotas at setup. */
export interface ResourceRegistrar {
  registerResourceQuota(namespace: ResourceNamespace, quota: number): Promise<void>;
}

/**
 * Token pools with quotas. A task execution claims a unit of a pool with a unique token before it sends work out,
 * proceeds only when `Granted`, and releases the token when the work is done. Allocating a token that is already
 * held is granted again without taking a second unit; releasing a token that is not held does nothing.
 */
export interface ResourceManager {
  getId(): string;
  allocateResource(
    namespace: ResourceNamespace,
    allocationToken: string,
    constraints: ResourceConstraintsSpec,
  ): Promise<AllocationStatus>;
  releaseResource(namespace: ResourceNamespace, allocationToken: string): Promise<void>;
}
