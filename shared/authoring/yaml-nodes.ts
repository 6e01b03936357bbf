import { type Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { type FieldPathParts } from '../queue/index.js';

/** A text span as offsets: `start` inclusive, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Where a field is in a document: its key, and its value when it has one. */
export interface FieldNodes {
  key: Span;
  value?: Span;
  /** The value's node, for callers that read inside it (a scalar's source text). */
  valueNode?: Node;
}

function spanOf(node: unknown): Span | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function keyName(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/** The key and value of the field at `path`, or undefined when the document does not have it. */
export function fieldNodes(doc: Document, path: FieldPathParts): FieldNodes | undefined {
  let node: unknown = doc.contents;
  let found: FieldNodes | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyName(p.key) === String(part));
      const key = pair === undefined ? undefined : spanOf(pair.key);
      if (pair === undefined || key === undefined) return undefined;
      const value = spanOf(pair.value);
      found = { key, ...(value !== undefined ? { value, valueNode: pair.value as Node } : {}) };
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item: unknown = node.items[part];
      const span = spanOf(item);
      if (span === undefined) return undefined;
      found = { key: span, value: span, valueNode: item as Node };
      node = item;
    } else {
      return undefined;
    }
  }
  return found;
}

/** The path of the mapping key under `offset` and that key's span, when the offset is on a key. */
export function keyPathAt(doc: Document, offset: number): { path: FieldPathParts; key: Span } | undefined {
  const visit = (node: unknown, path: FieldPathParts): { path: FieldPathParts; key: Span } | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = spanOf(pair.key);
        const here = [...path, keyName(pair.key)];
        if (key !== undefined && offset >= key.start && offset <= key.end) return { path: here, key };
        const value = spanOf(pair.value);
        if (value !== undefined && offset >= value.start && offset <= value.end) return visit(pair.value, here);
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const span = spanOf(item);
        if (span !== undefined && offset >= span.start && offset <= span.end) return visit(item, [...path, i]);
      }
    }
    return undefined;
  };
  return visit(doc.contents, []);
}
