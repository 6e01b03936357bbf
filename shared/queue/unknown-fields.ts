import { UserError } from '../errors/index.js';
import { closestName } from './closest-name.js';
import { type FieldShape } from './field-shape.js';

/** A field path as keys and list indexes: `['spec', 'containers', 0, 'comand']`. */
export type FieldPathParts = readonly (string | number)[];

/** `['spec', 'containers', 0, 'command']` -> `spec.containers[0].command`, as errors name fields. */
export function formatFieldPath(path: FieldPathParts): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field path the shape knows, for suggestions across levels (`spec.retries` -> `spec.taskTemplate.retries`). */
function knownPaths(shape: FieldShape, prefix: string[] = []): string[][] {
  if (shape === 'any') return [];
  if ('items' in shape) return knownPaths(shape.items, [...prefix.slice(0, -1), `${prefix.at(-1) ?? ''}[]`]);
  return Object.entries(shape.fields).flatMap(([name, inner]) => [[...prefix, name], ...knownPaths(inner, [...prefix, name])]);
}

/** A field the shape does not know, with the likely intended one. */
export interface UnknownField {
  path: FieldPathParts;
  /** A known field at the same level that the name is a likely typo of (`comand` -> `command`). */
  sibling?: string;
  /** Else a known field elsewhere in the object with that (or a nearly equal) name, as a dotted path. */
  elsewhere?: string;
}

/** The fields of `value` that `shape` does not know, in document order. Values of the wrong type are not judged. */
export function unknownFieldFindings(value: unknown, shape: FieldShape): UnknownField[] {
  const found: UnknownField[] = [];
  const all = knownPaths(shape);
  const visit = (node: unknown, at: FieldShape, path: FieldPathParts): void => {
    if (at === 'any') return;
    if ('items' in at) {
      if (Array.isArray(node)) node.forEach((item, i) => visit(item, at.items, [...path, i]));
      return;
    }
    if (!isMapping(node)) return;
    for (const [name, inner] of Object.entries(node)) {
      const known = at.fields[name];
      if (known !== undefined) {
        visit(inner, known, [...path, name]);
        continue;
      }
      const sibling = closestName(name, Object.keys(at.fields));
      const elsewhere = sibling === undefined ? (all.find((p) => p.at(-1) === name) ?? all.find((p) => closestName(name, [p.at(-1) ?? '']) !== undefined)) : undefined;
      found.push({ path: [...path, name], ...(sibling !== undefined ? { sibling } : {}), ...(elsewhere !== undefined ? { elsewhere: elsewhere.join('.') } : {}) });
    }
  };
  visit(value, shape, []);
  return found;
}

/** The suggested replacement of an unknown field, as a full path. */
export function suggestedField(finding: UnknownField): string | undefined {
  if (finding.sibling !== undefined) return formatFieldPath([...finding.path.slice(0, -1), finding.sibling]);
  return finding.elsewhere;
}

/**
 * The fields of `value` that `shape` does not know, each as a user error naming the field path and, when a known
 * field is a likely typo of it, that field (at the same level first, else anywhere in the object).
 */
export function unknownFields(value: unknown, shape: FieldShape, object: string): UserError[] {
  return unknownFieldFindings(value, shape).map((finding) => {
    const field = formatFieldPath(finding.path);
    const suggestion = suggestedField(finding);
    return new UserError(
      `unknown field "${field}"${suggestion !== undefined ? `: did you mean "${suggestion}"?` : ''}`,
      { object, field },
      suggestion !== undefined ? `rename it to ${suggestion}` : 'remove it, or check the spelling against the kind\'s fields (kubectl explain)',
    );
  });
}
