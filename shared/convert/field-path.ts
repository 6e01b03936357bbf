import { isPlainObject } from './json-value.js';

/** A path into an object: map keys and list indexes, e.g. `['spec', 'containers', 0, 'command']`. */
export type FieldPath = readonly (string | number)[];

/** `spec.containers[0].command`, the form kubectl uses in validation messages. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

export function getAt(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[part];
    } else {
      if (!isPlainObject(current) || !Object.hasOwn(current, part)) return undefined;
      current = current[part];
    }
  }
  return current;
}

/** The inverse of `formatFieldPath`. */
export function parseFieldPath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  const pattern = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_][A-Za-z0-9_-]*)/gy;
  for (let match = pattern.exec(text); match !== null && match[0] !== ''; match = pattern.exec(text)) {
    if (match[1] !== undefined) path.push(Number(match[1]));
    else if (match[2] !== undefined) path.push(JSON.parse(match[2]) as string);
    else if (match[3] !== undefined) path.push(match[3]);
  }
  return path;
}
