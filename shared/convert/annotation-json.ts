/**
 * The JSON an annotation of ours holds, or undefined when it is absent, not a string or not JSON: a record
 * someone edited by hand is treated as missing, never as an error, so revert falls back to what the object shows.
 */
export function annotationJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
