import { UserError } from '../errors/index.js';
import { quantityValue } from './quantity.js';
import { type ResourceList, type ResourceRequirements, canonicalResources } from './resource-requirements.js';

/**
 * What a container task requests when it says nothing: Flyte's S3 executor refuses a container task without
 * resources, and small defaults keep a queue of quick tasks schedulable on a laptop cluster. Flyte's own defaults
 * (1 CPU, 1Gi) apply only where its executor fills them in.
 */
export const DEFAULT_CONTAINER_REQUESTS: Readonly<ResourceList> = { cpu: '100m', memory: '128Mi' };

/**
 * Fills the gaps the way Flyte's executor does for a primary container, and the API server for any container: a
 * missing request is the limit, a missing limit is the request. Flyte's pod plugin writes `0` for every limit
 * it does not find, so a request without a limit would be a Pod the API server rejects. A request above its
 * limit is refused here, where the user can still fix it.
 */
export function completeRequirements<V extends string | number>(
  requests: Record<string, V>,
  limits: Record<string, V>,
  field: string,
): { requests: Record<string, V>; limits: Record<string, V> } {
  const completeRequests = { ...requests };
  const completeLimits = { ...limits };
  for (const [name, limit] of Object.entries(limits)) completeRequests[name] ??= limit;
  for (const [name, request] of Object.entries(requests)) completeLimits[name] ??= request;
  for (const [name, request] of Object.entries(completeRequests)) {
    const limit = completeLimits[name] as V;
    if ((quantityValue(request) ?? 0) > (quantityValue(limit) ?? Infinity)) {
      throw new UserError(
        `the ${name} request ${String(request)} is more than its limit ${String(limit)}`,
        { field: `${field}.limits.${name}` },
        'raise the limit to at least the request, or leave the limit out so that it equals the request',
      );
    }
  }
  return { requests: completeRequests, limits: completeLimits };
}

/**
 * A container task's resources as they are written into its template: the given ones (checked, under Kubernetes
 * names), `DEFAULT_CONTAINER_REQUESTS` for cpu and memory where neither a request nor a limit is given, then the
 * gaps filled as Flyte's executor fills them.
 */
export function containerTaskResources(given: ResourceRequirements | undefined, field = 'resources'): Required<ResourceRequirements> {
  const { requests, limits } = canonicalResources(given ?? {}, field);
  for (const [name, value] of Object.entries(DEFAULT_CONTAINER_REQUESTS)) {
    if (requests[name] === undefined && limits[name] === undefined) requests[name] = value;
  }
  return completeRequirements(requests, limits, field);
}
