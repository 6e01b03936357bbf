import { type ManifestFormat, type ManifestResult } from '../../../shared/convert/index.js';

/**
 * The stdout of `convert`/`revert` for several inputs: YAML streams one after the other, separated by
 * `---`; JSON as the single object or List of one input, or one v1 List of every object for several.
 */
export function combinedOutput(results: readonly ManifestResult[], format: ManifestFormat): string[] {
  if (format === 'json') {
    if (results.length === 1) return results[0]?.chunks ?? [];
    const items = results.flatMap((result) => itemsOf(JSON.parse(result.chunks.join('')) as unknown));
    return [`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4)}\n`];
  }
  const chunks: string[] = [];
  let endsWithNewline = true;
  results.forEach((result, index) => {
    const first = result.chunks.find((chunk) => chunk !== '') ?? '';
    if (first === '') return;
    if (index > 0 && chunks.length > 0) {
      if (!endsWithNewline) chunks.push('\n');
      // Directives (%YAML, %TAG) may only follow a document that ends with `...`.
      if (STARTS_WITH_DIRECTIVE.test(first)) chunks.push('...\n');
      else if (!first.startsWith('---')) chunks.push('---\n');
    }
    for (const chunk of result.chunks) {
      if (chunk === '') continue;
      chunks.push(chunk);
      endsWithNewline = chunk.endsWith('\n');
    }
  });
  return chunks;
}

/**
 * What `combinedOutput` must read back as, when it can be told from the fingerprints alone: every YAML
 * document of every input in order, or the one JSON value of one input. For JSON from several inputs
 * (re-printed from each input's checked output) undefined.
 */
export function combinedFingerprints(results: readonly ManifestResult[], format: ManifestFormat): string[] | undefined {
  if (format === 'json' && results.length > 1) return undefined;
  return results.flatMap((result) => result.fingerprints);
}

const STARTS_WITH_DIRECTIVE = /^(?:[ \t]*(?:#[^\n]*)?\n)*%/;

function itemsOf(value: unknown): unknown[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (object['apiVersion'] === 'v1' && object['kind'] === 'List' && Array.isArray(object['items'])) return object['items'];
  }
  return [value];
}
