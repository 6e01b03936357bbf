import { type FieldShape, KNOWN_MANIFEST_FIELDS } from '../queue/index.js';
import { taskActionFieldDoc } from './field-docs.js';
import { keyContextAt } from './key-context.js';
import { type Span } from './yaml-nodes.js';

/** A field name to offer where a key is typed. */
export interface FieldCompletion {
  name: string;
  /** Markdown, when the field is documented. */
  documentation?: string;
  /** Whether its value is a nested mapping or list (so the editor can open a block). */
  nested: boolean;
}

export interface FieldCompletions {
  /** The span of what is typed of the key, which a completion replaces. */
  replace: Span;
  fields: FieldCompletion[];
}

function kindOf(documentText: string): string | undefined {
  return /^kind:\s*["']?([A-Za-z]+)/m.exec(documentText)?.[1];
}

function shapeAt(shape: FieldShape | undefined, path: readonly (string | number)[]): FieldShape | undefined {
  let at = shape;
  for (const part of path) {
    if (at === undefined || at === 'any') return undefined;
    at = typeof part === 'number' ? ('items' in at ? at.items : undefined) : 'fields' in at ? at.fields[part] : undefined;
  }
  return at;
}

/**
 * The fields that may be written where the cursor is, in a TaskAction, Pod or Job document: the fields enqueue
 * knows at that level (the TaskAction CRD's spec and the expanded taskTemplate, the Pod and Job fields it reads),
 * less those the mapping has already.
 */
export function fieldCompletions(text: string, offset: number): FieldCompletions | undefined {
  const context = keyContextAt(text, offset);
  if (context === undefined) return undefined;
  const kind = kindOf(context.documentText);
  const shape = shapeAt(kind === undefined ? undefined : KNOWN_MANIFEST_FIELDS[kind], context.path);
  if (shape === undefined || shape === 'any' || !('fields' in shape)) return undefined;
  const fields = Object.entries(shape.fields)
    .filter(([name]) => !context.siblings.includes(name))
    .map(([name, inner]): FieldCompletion => {
      const documentation = kind === 'TaskAction' ? taskActionFieldDoc([...context.path, name]) : undefined;
      return { name, nested: inner !== 'any', ...(documentation !== undefined ? { documentation } : {}) };
    });
  return { replace: { start: context.prefixStart, end: offset }, fields };
}
