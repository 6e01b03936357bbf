/**
 * The indentation a JSON manifest was written with (`kubectl -o json` uses 4 spaces), so converted JSON
 * looks like its input; minified JSON stays minified.
 */
export function detectJsonIndent(text: string): string | number {
  const match = /\n([ \t]+)\S/.exec(text);
  if (match?.[1] !== undefined) return match[1];
  return text.trim().includes('\n') ? KUBECTL_JSON_INDENT : 0;
}

export const KUBECTL_JSON_INDENT = 4;

export function renderJson(value: unknown, indent: string | number): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}

/** Several objects as one JSON value, the way kubectl prints them. */
export function jsonList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'List', items };
}
