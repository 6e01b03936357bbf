import { type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { UserError } from '../errors/index.js';
import { isQuantity } from './quantity.js';
import { completeRequirements } from './resource-defaults.js';

type Quantity = string | number;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A resource list of the pod spec, checked: YAML writes whole quantities as numbers, which Kubernetes accepts. */
function quantities(list: JsonValue | undefined, field: string): Record<string, Quantity> {
  if (list === undefined || list === null) return {};
  if (!isObject(list)) throw new UserError('the resource list is not a mapping', { field }, 'write it as NAME: QUANTITY, e.g. cpu: 500m');
  const result: Record<string, Quantity> = {};
  for (const [name, value] of Object.entries(list)) {
    const valid = (typeof value === 'string' && isQuantity(value)) || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
    if (!valid) {
      throw new UserError(
        `${JSON.stringify(value)} is not a valid quantity for ${name}`,
        { field: `${field}.${name}` },
        'use a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi',
      );
    }
    result[name] = value;
  }
  return result;
}

function withCompleteResources(container: JsonValue, field: string): JsonValue {
  if (!isObject(container) || !isObject(container.resources)) return container;
  const resources = container.resources;
  const given = { requests: quantities(resources.requests, `${field}.requests`), limits: quantities(resources.limits, `${field}.limits`) };
  const { requests, limits } = completeRequirements(given.requests, given.limits, field);
  const complete: JsonObject = { ...resources };
  if (Object.keys(requests).length > 0) complete.requests = requests;
  if (Object.keys(limits).length > 0) complete.limits = limits;
  return { ...container, resources: complete };
}

/**
 * The pod spec with a limit for every request (and a request for every limit) of every container and init
 * container, because Flyte's pod plugin writes a `0` limit wherever none is set and the API server then rejects the
 * Pod. A pod spec whose containers set no resources is returned as it is, to keep Flyte's defaults for them.
 */
export function podSpecWithCompleteResources(podSpec: JsonObject): JsonObject {
  const result: JsonObject = { ...podSpec };
  for (const key of ['initContainers', 'containers'] as const) {
    const list = podSpec[key];
    if (Array.isArray(list)) result[key] = list.map((container, index) => withCompleteResources(container, `podSpec.${key}[${index}].resources`));
  }
  return result;
}
