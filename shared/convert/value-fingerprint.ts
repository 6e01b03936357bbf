import { createHash } from 'node:crypto';

/**
 * A short digest of a document's value (what a reader of it sees: types, numbers, strings, keys in any order),
 * so the output can be checked against what it was rendered from without keeping every document in memory.
 * One digest of a canonical spelling per document: hashing each node on its own cost as much as parsing.
 */
export function fingerprintOf(value: unknown): string {
  const parts: string[] = [];
  canonical(value, parts);
  return createHash('sha256').update(parts.join('')).digest('base64').slice(0, 22);
}

function canonical(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    out.push('[');
    for (const item of value) {
      canonical(item, out);
      out.push(',');
    }
    out.push(']');
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    out.push('{');
    for (const key of Object.keys(record).sort()) {
      out.push(JSON.stringify(key), ':');
      canonical(record[key], out);
      out.push(',');
    }
    out.push('}');
  } else if (typeof value === 'number') {
    out.push('n', Object.is(value, -0) ? '0' : String(value), ';');
  } else if (typeof value === 'string') {
    out.push(JSON.stringify(value));
  } else if (typeof value === 'boolean') {
    out.push(value ? 't' : 'f');
  } else if (value === null || value === undefined) {
    out.push('z');
  } else {
    out.push('?', typeof value === 'bigint' ? value.toString() : typeof value, ';');
  }
}
