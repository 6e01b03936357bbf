import { UserError } from '../../shared/errors/index.js';
import { isQuantity, RESOURCE_NAMES, type ResourceList } from '../../shared/task-action/index.js';

const QUANTITY_HINT = 'use a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi';

/**
 * `--requests cpu=100m,memory=128Mi` (repeatable, comma-separated, as `kubectl set resources` writes them) as a
 * resource list; each mistake names the flag and the entry, since nothing else in the input points at it.
 */
export function parseResourceList(values: string[] | undefined, flag: string): ResourceList | undefined {
  if (!values || values.length === 0) return undefined;
  const result: ResourceList = {};
  for (const entry of values.flatMap((value) => value.split(','))) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, Math.max(eq, 0)).trim();
    const quantity = entry.slice(eq + 1).trim();
    if (eq <= 0 || name === '' || quantity === '') {
      throw new UserError(`${flag} ${JSON.stringify(entry)} is not NAME=QUANTITY`, {}, `write it as ${flag} cpu=100m,memory=128Mi`);
    }
    if (!RESOURCE_NAMES.includes(name)) {
      throw new UserError(`${flag} names an unknown resource ${JSON.stringify(name)}`, {}, `use one of ${RESOURCE_NAMES.join(', ')}`);
    }
    if (!isQuantity(quantity)) {
      throw new UserError(`${flag} ${JSON.stringify(quantity)} is not a valid quantity for ${name}`, {}, QUANTITY_HINT);
    }
    if (name in result) throw new UserError(`${flag} gives ${name} twice`, {}, `give each resource once, e.g. ${flag} cpu=100m,memory=128Mi`);
    result[name] = quantity;
  }
  return result;
}
