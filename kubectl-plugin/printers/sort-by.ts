import { UserError } from '../../shared/errors/index.js';
import { JsonPathTemplate, TemplateEvaluationError, TemplateSyntaxError, relaxedPath } from './jsonpath/index.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `--sort-by` (kubectl's relaxed path: `.metadata.name`, `{.metadata.name}`, `metadata.name`). */
export function parseSortBy(path: string | undefined): JsonPathTemplate | undefined {
  if (path === undefined) return undefined;
  try {
    return new JsonPathTemplate(relaxedPath(path));
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw new UserError(`--sort-by: invalid path "${path}" at position ${err.position}: ${err.message}`);
    throw err;
  }
}

/**
 * Sorts as `kubectl --sort-by` does: by the first value at the path; numbers numerically, timestamps by time,
 * other strings in natural order (`a2` before `a10`); objects without a value first. Stable, so equal keys
 * keep the listing's order. A path no object has is an error, as in kubectl.
 */
export function sortObjects<T>(objects: readonly T[], path: JsonPathTemplate, valueOf: (object: T) => unknown = (o) => o, flag = '--sort-by'): T[] {
  const keyed = objects.map((object) => {
    try {
      return { object, key: path.results(valueOf(object)).flat()[0] };
    } catch (err) {
      if (err instanceof TemplateEvaluationError) throw new UserError(`${flag} ${path.source}: ${err.message}`);
      throw err;
    }
  });
  if (objects.length > 0 && keyed.every((k) => k.key === undefined)) {
    throw new UserError(`${flag}: no object has a value at ${path.source}; check the path against -o yaml`);
  }
  return keyed.sort((a, b) => compareKeys(a.key, b.key)).map((k) => k.object);
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (TIMESTAMP.test(a) && TIMESTAMP.test(b)) return Date.parse(a) - Date.parse(b);
    return naturalCompare(a, b);
  }
  return naturalCompare(JSON.stringify(a), JSON.stringify(b));
}

/** Runs of digits compare as numbers, everything else by code unit. */
function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
