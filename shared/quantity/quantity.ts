/**
 * Kubernetes resource quantities (`500m`, `1.5`, `128Mi`, `1e3`): checked before anything is sent, because Flyte's
 * executor and the API server reject a bad one only when the Pod is made, long after the enqueue succeeded.
 */

/** A non-negative quantity: a decimal number with an optional binary, decimal or exponent suffix. */
const QUANTITY = /^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const BINARY = new Map([['Ki', 2 ** 10], ['Mi', 2 ** 20], ['Gi', 2 ** 30], ['Ti', 2 ** 40], ['Pi', 2 ** 50], ['Ei', 2 ** 60]]);
const DECIMAL = new Map([['n', 1e-9], ['u', 1e-6], ['m', 1e-3], ['', 1], ['k', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12], ['P', 1e15], ['E', 1e18]]);

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/**
 * The quantity's value as a number, precise enough to compare a request with a limit (both are written by
 * people, so they are far from the float's limits); undefined when it is not a quantity.
 */
export function quantityValue(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (!isQuantity(value)) return undefined;
  const match = /^\+?([0-9.]+)(.*)$/.exec(value);
  if (match === null) return undefined;
  const [, digits = '', suffix = ''] = match;
  const number = Number(digits);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  const factor = BINARY.get(suffix) ?? DECIMAL.get(suffix);
  return factor === undefined ? undefined : number * factor;
}
