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
  const joiner = new YamlStreamJoiner((chunk) => chunks.push(chunk));
  for (const result of results) {
    joiner.startInput();
    for (const chunk of result.chunks) joiner.chunk(chunk);
  }
  return chunks;
}

/**
 * Joins the YAML output of several inputs into one stream as it is made: before the first non-empty piece of
 * each input but the first, a newline if the stream does not end with one, and `---` (or `...` before
 * directives, which may only follow a document that ends with `...`).
 */
export class YamlStreamJoiner {
  private endsWithNewline = true;
  private wroteAny = false;
  private atInputStart = false;

  constructor(private readonly write: (chunk: string) => void) {}

  startInput(): void {
    this.atInputStart = true;
  }

  chunk(text: string): void {
    if (text === '') return;
    if (this.atInputStart && this.wroteAny) {
      if (!this.endsWithNewline) this.write('\n');
      if (STARTS_WITH_DIRECTIVE.test(text)) this.write('...\n');
      else if (!text.startsWith('---')) this.write('---\n');
    }
    this.atInputStart = false;
    this.write(text);
    this.wroteAny = true;
    this.endsWithNewline = text.endsWith('\n');
  }
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
