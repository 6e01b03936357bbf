import { type Container, type PodSpec } from '../../shared/kube/index.js';

type Resources = NonNullable<Container['resources']>;

/** Flyte's platform defaults for the primary container (its executor's config defaults). */
const PRIMARY_DEFAULTS: Record<string, string> = { cpu: '1000m', memory: '1024Mi' };

function primaryResources(given: Resources | undefined): Resources {
  const requests = { ...given?.requests };
  const limits = { ...given?.limits };
  for (const name of ['cpu', 'memory']) {
    requests[name] ??= limits[name] ?? PRIMARY_DEFAULTS[name] ?? '0';
    limits[name] ??= requests[name];
  }
  return { requests, limits };
}

function otherResources(given: Resources | undefined): Resources {
  const requests = { ...given?.requests };
  const limits = { ...given?.limits };
  for (const name of ['cpu', 'memory']) {
    requests[name] ??= '0';
    limits[name] ??= '0';
  }
  return { requests, limits };
}

/**
 * A pod spec with resources written the way Flyte's pod plugin writes them (flyte-compatibility reference §2):
 * the primary container's gaps filled from its limit or request, else from the platform defaults; every other
 * container and init container gets cpu and memory in both requests and limits, `0` where unset. What the API server
 * then says about the Pod is what it would say about the Pod Flyte's executor creates.
 */
export function withFlyteResources(spec: PodSpec, primaryContainerName: string): PodSpec {
  const copy = structuredClone(spec);
  copy.containers = copy.containers.map((c) => ({ ...c, resources: c.name === primaryContainerName ? primaryResources(c.resources) : otherResources(c.resources) }));
  if (copy.initContainers !== undefined) copy.initContainers = copy.initContainers.map((c) => ({ ...c, resources: otherResources(c.resources) }));
  return copy;
}
