import { UserError } from '../errors/index.js';
import { closestName } from './closest-name.js';
import { type FieldShape } from './field-shape.js';

type Path = readonly (string | number)[];

function formatPath(path: Path): string {
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

/**
 * The fields of `value` that `shape` does not know, each as a user error naming the field path and, when a known
 * field is a likely typo of it, that field (at the same level first, else anywhere in the object). Values of the
 * wrong type are left to the checks that read them.
 */
export function unknownFields(value: unknown, shape: FieldShape, object: string): UserError[] {
  const errors: UserError[] = [];
  const all = knownPaths(shape);
  const visit = (node: unknown, at: FieldShape, path: Path): void => {
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
      const field = formatPath([...path, name]);
      const near = closestName(name, Object.keys(at.fields));
      const elsewhere = near === undefined ? (all.find((p) => p.at(-1) === name) ?? all.find((p) => closestName(name, [p.at(-1) ?? '']) !== undefined)) : undefined;
      const suggestion = near !== undefined ? formatPath([...path, near]) : elsewhere?.join('.');
      errors.push(
        new UserError(
          `unknown field "${field}"${suggestion !== undefined ? `: did you mean "${suggestion}"?` : ''}`,
          { object, field },
          suggestion !== undefined ? `rename it to ${suggestion}` : 'remove it, or check the spelling against the kind\'s fields (kubectl explain)',
        ),
      );
    }
  };
  visit(value, shape, []);
  return errors;
}
