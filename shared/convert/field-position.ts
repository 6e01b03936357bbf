import { type Document } from 'yaml';
import { fieldOffset } from './field-location.js';
import { type FieldPath, parseFieldPath } from './field-path.js';

/**
 * 1-based line and column of `field` (as errors name it, `spec.containers[0].command`) below `prefix` in a parsed
 * document of `text`: the same place `convert` reports, the field's key or its deepest existing parent.
 */
export function fieldPosition(doc: Document, text: string, field: string, prefix: FieldPath = []): { line: number; column: number } | undefined {
  const offset = fieldOffset(doc, [...prefix, ...parseFieldPath(field)]);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
