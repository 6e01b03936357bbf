import { UserError } from '../errors/index.js';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

/** A Kubernetes label selector, checked here (the API server does the same for list requests). */
export interface LabelSelector {
  readonly text: string;
  matches(labels: Record<string, string> | undefined): boolean;
}

/** Splits on the commas between requirements, not on those inside `in (a,b)`. */
function requirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseRequirement(part: string, text: string): Requirement {
  let match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part);
  if (match !== null) return { key: match[1] ?? '', op: match[2] === '!=' ? 'notin' : 'in', values: [match[3] ?? ''] };
  match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
  if (match !== null) return { key: match[1] ?? '', op: match[2] === 'in' ? 'in' : 'notin', values: (match[3] ?? '').split(',').map((v) => v.trim()) };
  match = /^(!?)\s*([\w./-]+)$/.exec(part);
  if (match !== null) return { key: match[2] ?? '', op: match[1] === '!' ? 'notexists' : 'exists' };
  throw new UserError(
    `label selector "${text}": cannot read "${part}"`,
    { field: 'label selector' },
    'use key=value, key!=value, key in (a,b), key notin (a,b), key or !key, separated by commas',
  );
}

/** Reads kubectl's `-l` syntax; an empty text selects everything. */
export function parseLabelSelector(text: string): LabelSelector {
  const parsed = requirements(text).map((part) => parseRequirement(part, text));
  return {
    text: text.trim(),
    matches(labels) {
      return parsed.every((r) => {
        const value = labels?.[r.key];
        switch (r.op) {
          case 'exists':
            return value !== undefined;
          case 'notexists':
            return value === undefined;
          case 'in':
            return value !== undefined && r.values.includes(value);
          case 'notin':
            return value === undefined || !r.values.includes(value);
        }
      });
    },
  };
}
