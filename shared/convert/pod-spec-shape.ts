import { type FieldPath } from './field-path.js';
import { type JsonObject, isPlainObject } from './json-value.js';
import { type ProblemCollector } from './problems.js';

/**
 * A list of mappings at `path` (`containers`, `volumes`, ...), where absent and `null` mean empty, as they do
 * for Kubernetes. Anything else is reported, so later steps can rely on the shape.
 */
export function readObjectList(parent: JsonObject, key: string, path: FieldPath, problems: ProblemCollector): JsonObject[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(`${key} must be a list`, [...path, key]);
    return [];
  }
  const items: JsonObject[] = [];
  value.forEach((item, index) => {
    if (isPlainObject(item)) items.push(item);
    else problems.add(`${key}[${index}] must be a mapping`, [...path, key, index]);
  });
  return items.length === value.length ? items : [];
}

/** A list of strings, or undefined (after reporting) when the value is something else. */
export function readStringList(value: unknown, path: FieldPath, problems: ProblemCollector): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.add('must be a list of strings', path);
    return undefined;
  }
  const bad = value.findIndex((token) => typeof token !== 'string');
  if (bad >= 0) {
    problems.add('must be a list of strings (quote numbers and booleans)', [...path, bad]);
    return undefined;
  }
  return value as string[];
}

/** `metadata` or `annotations`: absent, null or a mapping. */
export function readOptionalMapping(value: unknown, path: FieldPath, problems: ProblemCollector): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) return value;
  problems.add('must be a mapping', path);
  return undefined;
}

export function containerName(container: JsonObject, index: number): string {
  return typeof container['name'] === 'string' ? container['name'] : `#${index + 1}`;
}
