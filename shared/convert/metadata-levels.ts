import { type FieldPath, getAt } from './field-path.js';
import { type JsonObject, isPlainObject } from './json-value.js';
import { setKeyNear } from './ordered-keys.js';

/**
 * The metadata mapping at `path`, created when absent or null (right before the sibling `spec` for a pod
 * template, after `kind` at the top). Its parent must already be a mapping, which the pod spec check ensures.
 */
export function ensureMetadata(root: JsonObject, path: FieldPath): JsonObject {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? root : getAt(root, parentPath);
  const key = path[path.length - 1];
  if (!isPlainObject(parent) || typeof key !== 'string') throw new Error(`no mapping at ${parentPath.join('.')}`);
  const existing = parent[key];
  if (isPlainObject(existing)) return existing;
  const created: JsonObject = {};
  setKeyNear(parent, key, created, parentPath.length === 0 ? { after: 'kind' } : { before: 'spec' });
  return created;
}

/** The annotations mapping of `metadata`, created when absent or null (after `labels`, as kubectl orders them). */
export function ensureAnnotations(metadata: JsonObject): JsonObject {
  const existing = metadata['annotations'];
  if (isPlainObject(existing)) return existing;
  const created: JsonObject = {};
  setKeyNear(metadata, 'annotations', created, { after: 'labels' });
  return created;
}
