import { type Document, type Node, Scalar, type YAMLMap, type YAMLSeq, isAlias, isMap, isNode, isScalar, isSeq, visit } from 'yaml';
import { deepEqual, isPlainObject } from './json-value.js';
import { TO_JS_OPTIONS, mayBeMisreadAsNonString } from './yaml-settings.js';

/**
 * Edits the YAML tree `node` so that it holds `next`, touching only what differs: unchanged nodes keep their
 * comments, quoting, flow or block style and position; map keys keep their order, and new keys land next to
 * the key that precedes them in `next`. Returns the node to put in place of `node` (itself, or a new one
 * when the kind of value changed).
 */
export function patchNode(doc: Document, node: unknown, next: unknown): unknown {
  if (isMap(node) && isPlainObject(next)) {
    patchMap(doc, node, next);
    return node;
  }
  if (isSeq(node) && Array.isArray(next)) {
    patchSeq(doc, node, next);
    return node;
  }
  if (isScalar(node) && !isCollectionValue(next)) {
    // A parsed scalar's value is already what toJS returns; comparing it directly keeps patching cheap.
    if (node.value === next || deepEqual(node.toJS(doc, TO_JS_OPTIONS), next)) return node;
    // Keep the author's quoting for a new string; other scalars must be plain to keep their type.
    if (typeof next !== 'string' || (node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE)) {
      node.type = typeof next === 'string' && mayBeMisreadAsNonString(next) ? Scalar.QUOTE_DOUBLE : undefined;
    }
    node.value = next;
    node.tag = undefined;
    // The old source text no longer describes the value.
    node.source = undefined;
    return node;
  }
  if ((isAlias(node) || isNode(node)) && deepEqual((node as Node).toJS(doc, TO_JS_OPTIONS), next)) return node;
  return createNode(doc, next);
}

function isCollectionValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function keyOf(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/** `volumeMounts: []` that gets items reads better as a block list, as it would have been written. */
function unflowIfFilled(collection: YAMLMap | YAMLSeq, nextSize: number): void {
  if (collection.flow && collection.items.length === 0 && nextSize > 0) collection.flow = false;
}

/**
 * Container names are unique across a pod spec's `initContainers` and `containers`, and convert moves a
 * container from one to the other (a native sidecar): the moved node keeps its comments and formatting.
 */
const CONTAINER_LISTS = ['initContainers', 'containers'];

function patchMap(doc: Document, map: YAMLMap, next: Record<string, unknown>): void {
  unflowIfFilled(map, Object.keys(next).length);
  const movable = movableContainers(map);
  const patchValue = (key: string, node: unknown): Node => {
    const value = next[key];
    if (movable !== undefined && CONTAINER_LISTS.includes(key) && Array.isArray(value)) {
      const seq = isSeq(node) ? node : (createNode(doc, []) as YAMLSeq);
      patchSeq(doc, seq, value, movable);
      return seq;
    }
    return (node === undefined ? createNode(doc, value) : patchNode(doc, node, value)) as Node;
  };
  const items = map.items.filter((pair) => Object.hasOwn(next, keyOf(pair.key)));
  for (const pair of items) pair.value = patchValue(keyOf(pair.key), pair.value);
  let insertAt = 0;
  for (const key of Object.keys(next)) {
    const existing = items.findIndex((pair) => keyOf(pair.key) === key);
    if (existing >= 0) {
      insertAt = existing + 1;
      continue;
    }
    const pair = doc.createPair(key, null);
    pair.value = patchValue(key, undefined);
    items.splice(insertAt, 0, pair);
    insertAt++;
  }
  map.items = items;
}

/**
 * Lists of named things (containers, volumes, mounts) are matched by name, so removing the prepare
 * container does not rewrite every container after it. Other lists keep their common head and tail and
 * are patched position by position in between.
 */
function patchSeq(doc: Document, seq: YAMLSeq, next: unknown[], movable?: ReadonlyMap<string, unknown>): void {
  unflowIfFilled(seq, next.length);
  const old = seq.items;
  const byName = namedItems(old, next);
  if (byName !== undefined) {
    seq.items = next.map((value) => {
      const name = (value as Record<string, unknown>)['name'] as string;
      const match = byName.get(name) ?? movable?.get(name);
      return match === undefined ? createNode(doc, value, seq) : patchNode(doc, match, value);
    });
    return;
  }
  const oldValues = old.map((item) => toJS(doc, item));
  let head = 0;
  while (head < old.length && head < next.length && deepEqual(oldValues[head], next[head])) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < next.length - head &&
    deepEqual(oldValues[old.length - 1 - tail], next[next.length - 1 - tail])
  ) {
    tail++;
  }
  const middle = next.slice(head, next.length - tail).map((value, i) => {
    const at = head + i;
    return at < old.length - tail ? patchNode(doc, old[at], value) : createNode(doc, value, seq);
  });
  seq.items = [...old.slice(0, head), ...middle, ...old.slice(old.length - tail)];
}

/** The named items of a map's container lists, when there are any and no name is used twice. */
function movableContainers(map: YAMLMap): Map<string, unknown> | undefined {
  const lists = map.items.filter((pair) => CONTAINER_LISTS.includes(keyOf(pair.key)) && isSeq(pair.value));
  if (lists.length === 0) return undefined;
  const byName = new Map<string, unknown>();
  for (const pair of lists) {
    for (const item of (pair.value as YAMLSeq).items) {
      const name = isMap(item) ? item.get('name') : undefined;
      if (typeof name !== 'string' || byName.has(name)) return undefined;
      byName.set(name, item);
    }
  }
  return byName;
}

function namedItems(old: unknown[], next: unknown[]): Map<string, unknown> | undefined {
  const names = new Map<string, unknown>();
  for (const item of old) {
    const name = isMap(item) ? item.get('name') : undefined;
    if (typeof name !== 'string' || names.has(name)) return undefined;
    names.set(name, item);
  }
  const nextNames = new Set<string>();
  for (const value of next) {
    const name = isPlainObject(value) ? value['name'] : undefined;
    if (typeof name !== 'string' || nextNames.has(name)) return undefined;
    nextNames.add(name);
  }
  return names;
}

function toJS(doc: Document, node: unknown): unknown {
  return isNode(node) || isAlias(node) ? (node as Node).toJS(doc, TO_JS_OPTIONS) : node;
}

/**
 * A fresh node for `value`. Strings other YAML readers would misread are double-quoted; new strings in a
 * flow list whose items are all quoted the same way are quoted that way too (`command: ["a", "b"]`).
 */
export function createNode(doc: Document, value: unknown, siblingsOf?: YAMLSeq): Node {
  // No anchors and aliases for repeated values: every place gets its own copy, as kubectl writes it.
  const node = doc.createNode(value, { aliasDuplicateObjects: false }) as Node;
  const siblingStyle = siblingsOf ? commonQuoteStyle(siblingsOf) : undefined;
  visit(node, {
    Scalar(key, scalar) {
      if (typeof scalar.value !== 'string') return;
      if (mayBeMisreadAsNonString(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
      // Only the new list item itself follows its siblings; scalars nested in it keep the default style.
      else if (siblingStyle && key === null) scalar.type = siblingStyle;
    },
  });
  return node;
}

function commonQuoteStyle(seq: YAMLSeq): Scalar.Type | undefined {
  // In block lists quotes are usually there because a value needs them; in `["a", "b"]` they are a style.
  if (!seq.flow) return undefined;
  let style: Scalar.Type | undefined;
  for (const item of seq.items) {
    if (!isScalar(item) || (item.type !== Scalar.QUOTE_DOUBLE && item.type !== Scalar.QUOTE_SINGLE)) return undefined;
    if (style !== undefined && item.type !== style) return undefined;
    style = item.type;
  }
  return style;
}
