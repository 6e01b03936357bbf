import { transformDocument } from './document-transform.js';
import { isPlainObject } from './json-value.js';
import { LinePositions } from './line-positions.js';
import { objectLabel } from './object-label.js';
import { checkManifestText } from './manifest-text.js';
import { type TransformMode, type TransformOptions } from './object-transform.js';
import { userErrorsOf } from './problems.js';
import { type SourceDocument, yamlDocuments } from './yaml-document-stream.js';

/** Whether a document can go one way, and why not: what an editor shows on a disabled action. */
export type Possibility = { possible: true } | { possible: false; reason: string };

export interface DocumentInspection {
  index: number;
  /** The document's region, as in `DocumentEdit`. */
  start: number;
  end: number;
  /** `Kind/name` of its objects (several for a List). */
  objects: string[];
  convert: Possibility;
  revert: Possibility;
}

/**
 * For each document of an editor's text: can it be converted, can it be reverted, and if not, why
 * (`container "step2" has no command: ...`, `already converted ...`, `v1 ConfigMap is not ...`).
 */
export function inspectManifest(text: string, options: TransformOptions = {}): DocumentInspection[] {
  try {
    checkManifestText(text);
  } catch (err) {
    const reason = userErrorsOf(err)?.[0]?.message ?? String(err);
    return [{ index: 0, start: 0, end: text.length, objects: [], convert: { possible: false, reason }, revert: { possible: false, reason } }];
  }
  const positions = new LinePositions(text);
  const inspections: DocumentInspection[] = [];
  for (const source of yamlDocuments(text)) {
    const convert = possibility(source, 'convert', options, text, positions);
    const revert = possibility(source, 'revert', options, text, positions);
    inspections.push({
      index: source.index,
      start: source.start,
      end: source.end,
      objects: convert.objects,
      convert: convert.result,
      revert: revert.result,
    });
  }
  return inspections;
}

function possibility(
  source: SourceDocument,
  mode: TransformMode,
  options: TransformOptions,
  text: string,
  positions: LinePositions,
): { result: Possibility; objects: string[] } {
  const strict = mode === 'convert' ? { ...options, ifConverted: 'error' as const } : { ...options, ifNotConverted: 'error' as const };
  const result = transformDocument(source, mode, strict, { text, positions });
  const objects = labelsOf(result.value);
  const first = result.errors[0];
  if (first !== undefined) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more problems)` : '';
    return { result: { possible: false, reason: `${first.message}${more}` }, objects };
  }
  if (result.value === undefined || result.value === null) return { result: { possible: false, reason: 'the document is empty' }, objects };
  if (result.next === undefined) {
    const reason = result.reports.find((r) => r.reason !== undefined)?.reason ?? 'nothing to change';
    return { result: { possible: false, reason }, objects };
  }
  return { result: { possible: true }, objects };
}

/** `Kind/name` of a document's object, or of each item of a `v1` List. */
function labelsOf(value: unknown): string[] {
  if (!isPlainObject(value)) return [];
  if (value['apiVersion'] === 'v1' && value['kind'] === 'List' && Array.isArray(value['items'])) return value['items'].map(objectLabel);
  return [objectLabel(value)];
}
