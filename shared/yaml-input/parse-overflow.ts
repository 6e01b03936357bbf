import { UserError } from '../errors/index.js';
import { MAX_NESTING_DEPTH } from './input-limits.js';

/** What the `yaml` parser says (as an error, or by throwing) when nesting exhausts the stack. */
export function isStackOverflow(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message) : '';
  return message.includes('Maximum call stack size exceeded');
}

/**
 * The error for a text nested too deep to parse, located at the first line whose nesting (indentation
 * levels, sequence dashes and open flow brackets) passes the limit, or the most nested line.
 */
export function nestingTooDeepError(text: string, file?: string): UserError {
  const { line } = deepestLine(text);
  return new UserError(
    `the document nests collections deeper than ${MAX_NESTING_DEPTH} levels`,
    { ...(file === undefined ? {} : { file }), line, column: 1 },
    'a Kubernetes manifest never nests this deep: check the indentation and brackets',
  );
}

function deepestLine(text: string): { line: number } {
  const indents: number[] = [];
  let flow = 0;
  let best = { line: 1, depth: 0 };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i] ?? '';
    const stripped = content.trimStart();
    if (stripped === '' || stripped.startsWith('#')) continue;
    const indent = content.length - stripped.length;
    while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
    indents.push(indent);
    const dashes = /^(?:-\s+)*/.exec(stripped)?.[0].replace(/\s/g, '').length ?? 0;
    for (const char of stripped) {
      if (char === '[' || char === '{') flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
    }
    const depth = indents.length + dashes + flow;
    if (depth > best.depth) best = { line: i + 1, depth };
    if (depth > MAX_NESTING_DEPTH) return { line: i + 1 };
  }
  return best;
}
