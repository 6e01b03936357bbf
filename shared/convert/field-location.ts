import { type Document, isMap, isScalar, isSeq } from 'yaml';
import { type FieldPath } from './field-path.js';

/**
 * Offset of the field at `path` in a parsed document: its key when it exists, otherwise the deepest
 * existing parent (a missing `command` points at its container).
 */
export function fieldOffset(doc: Document, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item: unknown = node.items[part];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : undefined;
}
