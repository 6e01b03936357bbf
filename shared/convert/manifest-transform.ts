import { Document } from 'yaml';
import { UserError } from '../errors/index.js';
import { type ObjectReport, transformDocument } from './document-transform.js';
import { renderYamlDocument } from './render-yaml-document.js';
import { detectJsonIndent, jsonList, KUBECTL_JSON_INDENT, renderJson } from './json-layout.js';
import { LinePositions } from './line-positions.js';
import { type ManifestFormat, checkManifestText, detectFormat } from './manifest-text.js';
import { type TransformMode, type TransformOptions } from './object-transform.js';
import { throwUserErrors } from './problems.js';
import { fingerprintOf } from './value-fingerprint.js';
import { yamlDocuments } from './yaml-document-stream.js';
import { KUBECTL_LAYOUT } from './yaml-layout.js';
import { createNode } from './yaml-node-patch.js';
import { YAML_PARSE_OPTIONS } from './yaml-settings.js';

export interface ManifestOptions extends TransformOptions {
  /** Named in error locations. */
  file?: string;
  /** Default: the input's format. */
  outputFormat?: ManifestFormat;
}

export interface ManifestResult {
  inputFormat: ManifestFormat;
  format: ManifestFormat;
  /**
   * The output in order, in pieces: documents that did not change are slices of the input, byte for byte.
   * Write them one after the other (joining them would copy a large manifest once more).
   */
  chunks: string[];
  objects: ObjectReport[];
  /** Whether any object was converted or reverted. */
  changed: boolean;
  /**
   * What the output must read back as (see checkManifestOutput): the fingerprint of every non-empty YAML
   * document in order, or of the one JSON value.
   */
  fingerprints: string[];
}

/** Stop collecting after this many problems: a wrong file can have one per document. */
export const MAX_REPORTED_PROBLEMS = 50;

export function convertManifest(text: string, options: ManifestOptions = {}): ManifestResult {
  return transformManifest(text, 'convert', options);
}

export function revertManifest(text: string, options: ManifestOptions = {}): ManifestResult {
  return transformManifest(text, 'revert', options);
}

/**
 * Converts (or reverts) every Pod, Job and CronJob of a YAML or JSON manifest, including the items of `v1`
 * List documents, and passes every other document through unchanged. All or nothing: the whole input is
 * checked, and any problem throws UserError(s) with file, document, line and column, before anything is
 * returned. Documents are parsed one at a time, so memory stays proportional to the largest document
 * rather than to the number of documents.
 */
export function transformManifest(text: string, mode: TransformMode, options: ManifestOptions = {}): ManifestResult {
  checkManifestText(text, options.file);
  const inputFormat = detectFormat(text);
  const format = options.outputFormat ?? inputFormat;
  const keepText = inputFormat === 'yaml' && format === 'yaml';
  const context = { text, positions: new LinePositions(text), ...(options.file === undefined ? {} : { file: options.file }) };

  const errors: UserError[] = [];
  const objects: ObjectReport[] = [];
  const chunks: string[] = [];
  const values: unknown[] = [];
  const fingerprints: string[] = [];
  let changed = false;
  let end = 0;
  for (const source of yamlDocuments(text, options.file)) {
    const result = transformDocument(source, mode, options, context);
    errors.push(...result.errors);
    objects.push(...result.reports);
    if (errors.length >= MAX_REPORTED_PROBLEMS) break;
    if (errors.length > 0) continue;
    if (result.next !== undefined) changed = true;
    const value = result.next ?? result.value;
    if (value !== undefined && value !== null) {
      if (format === 'yaml') fingerprints.push(fingerprintOf(value));
      if (!keepText) values.push(value);
    }
    if (keepText) {
      // A rendered document starts on a line of its own, also after an empty `---` without a newline.
      if (result.next !== undefined && !(chunks.at(-1) ?? '\n').endsWith('\n')) chunks.push('\n');
      chunks.push(result.next === undefined ? text.slice(source.start, source.end) : renderYamlDocument(source, text, result.next));
    }
    end = source.end;
  }
  if (errors.length >= MAX_REPORTED_PROBLEMS) {
    errors.push(new UserError(`stopped after ${MAX_REPORTED_PROBLEMS} problems`, options.file === undefined ? {} : { file: options.file }));
  }
  throwUserErrors(errors);

  if (keepText) {
    chunks.push(text.slice(end));
  } else if (format === 'yaml') {
    values.forEach((value, i) => chunks.push(`${i > 0 ? '---\n' : ''}${renderNewYaml(value)}`));
  } else if (inputFormat === 'json' && !changed && values.length === 1) {
    chunks.push(text);
    fingerprints.push(fingerprintOf(values[0]));
  } else {
    fingerprints.push(fingerprintOf(values.length === 1 ? values[0] : jsonList(values)));
    const indent = inputFormat === 'json' ? detectJsonIndent(text) : KUBECTL_JSON_INDENT;
    chunks.push(renderJson(values.length === 1 ? values[0] : jsonList(values), indent));
  }
  return { inputFormat, format, chunks, objects, changed, fingerprints };
}

/** A value as a new YAML document in kubectl's layout, quoting strings other readers would misread. */
export function renderNewYaml(value: unknown): string {
  const doc = new Document(null, YAML_PARSE_OPTIONS);
  doc.contents = createNode(doc, value);
  return doc.toString(KUBECTL_LAYOUT);
}
