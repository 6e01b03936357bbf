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
 * Where a streamed transform puts its output (see transformManifestInto): the text in order, and before each
 * non-empty YAML document's text, the fingerprint it must read back as.
 */
export interface ManifestSink {
  document(fingerprint: string): void;
  chunk(text: string): void;
}

/** ManifestResult without the output, which went to a ManifestSink. */
export type ManifestSummary = Omit<ManifestResult, 'chunks' | 'fingerprints'>;

/**
 * Converts (or reverts) every Pod, Job and CronJob of a YAML or JSON manifest, including the items of `v1`
 * List documents, and passes every other document through unchanged. All or nothing: the whole input is
 * checked, and any problem throws UserError(s) with file, document, line and column, before anything is
 * returned. Documents are parsed one at a time, so memory stays proportional to the largest document
 * rather than to the number of documents.
 */
export function transformManifest(text: string, mode: TransformMode, options: ManifestOptions = {}): ManifestResult {
  const chunks: string[] = [];
  const fingerprints: string[] = [];
  const summary = transformManifestInto(text, mode, options, {
    document: (fingerprint) => fingerprints.push(fingerprint),
    chunk: (chunk) => chunks.push(chunk),
  });
  return { ...summary, chunks, fingerprints };
}

/**
 * transformManifest, handing each piece of output to `sink` as soon as it is made, so a large manifest's
 * output never has to be in memory as a whole. YAML goes out document by document; JSON output is one value,
 * so it comes in one piece at the end. Not all or nothing by itself: when this throws, the sink may already
 * hold the output of the documents before the problem, which the caller must discard.
 */
export function transformManifestInto(text: string, mode: TransformMode, options: ManifestOptions, sink: ManifestSink): ManifestSummary {
  checkManifestText(text, options.file);
  const inputFormat = detectFormat(text);
  const format = options.outputFormat ?? inputFormat;
  const keepText = inputFormat === 'yaml' && format === 'yaml';
  const context = { text, positions: new LinePositions(text), ...(options.file === undefined ? {} : { file: options.file }) };

  const errors: UserError[] = [];
  const objects: ObjectReport[] = [];
  const values: unknown[] = [];
  let changed = false;
  let end = 0;
  let endsWithNewline = true;
  let newYamlDocuments = 0;
  const emit = (chunk: string): void => {
    if (chunk === '') return;
    sink.chunk(chunk);
    endsWithNewline = chunk.endsWith('\n');
  };
  for (const source of yamlDocuments(text, options.file)) {
    const result = transformDocument(source, mode, options, context);
    errors.push(...result.errors);
    objects.push(...result.reports);
    if (errors.length >= MAX_REPORTED_PROBLEMS) break;
    if (errors.length > 0) continue;
    if (result.next !== undefined) changed = true;
    const value = result.next ?? result.value;
    const present = value !== undefined && value !== null;
    if (present && format === 'yaml') sink.document(fingerprintOf(value));
    if (keepText) {
      // A rendered document starts on a line of its own, also after an empty `---` without a newline.
      if (result.next !== undefined && !endsWithNewline) emit('\n');
      emit(result.next === undefined ? text.slice(source.start, source.end) : renderYamlDocument(source, text, result.next));
    } else if (present && format === 'yaml') {
      emit(`${newYamlDocuments++ > 0 ? '---\n' : ''}${renderNewYaml(value)}`);
    } else if (present) {
      values.push(value);
    }
    end = source.end;
  }
  if (errors.length >= MAX_REPORTED_PROBLEMS) {
    errors.push(new UserError(`stopped after ${MAX_REPORTED_PROBLEMS} problems`, options.file === undefined ? {} : { file: options.file }));
  }
  throwUserErrors(errors);

  if (keepText) {
    emit(text.slice(end));
  } else if (format === 'json') {
    // The JSON output is checked against this one fingerprint (see checkManifestOutput).
    const value = values.length === 1 ? values[0] : jsonList(values);
    sink.document(fingerprintOf(value));
    if (inputFormat === 'json' && !changed && values.length === 1) {
      emit(text);
    } else {
      emit(renderJson(value, inputFormat === 'json' ? detectJsonIndent(text) : KUBECTL_JSON_INDENT));
    }
  }
  return { inputFormat, format, objects, changed };
}

/** A value as a new YAML document in kubectl's layout, quoting strings other readers would misread. */
export function renderNewYaml(value: unknown): string {
  const doc = new Document(null, YAML_PARSE_OPTIONS);
  doc.contents = createNode(doc, value);
  return doc.toString(KUBECTL_LAYOUT);
}
