import { type YAMLError } from 'yaml';

/** A parser error in words for the user; the location is reported separately. */
export function yamlErrorMessage(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') {
    // The error points at the repeated key; read it from the text (quoted or plain).
    const lineEnd = text.indexOf('\n', error.pos[0]);
    const rest = text.slice(error.pos[0], lineEnd < 0 ? undefined : lineEnd);
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#]*?)\s*:/.exec(rest)?.[1] ?? rest;
    return `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)}: each key may appear once in a mapping`;
  }
  return `YAML syntax error: ${error.message}`;
}
