import { UserError } from '../errors/index.js';
import { type ObjectReport, transformDocument } from './document-transform.js';
import { renderYamlDocument } from './render-yaml-document.js';
import { detectJsonIndent, renderJson } from './json-layout.js';
import { LinePositions } from './line-positions.js';
import { type ManifestOptions } from './manifest-transform.js';
import { checkManifestText, detectFormat } from './manifest-text.js';
import { type TransformMode } from './object-transform.js';
import { throwUserErrors } from './problems.js';
import { type SourceDocument, yamlDocuments } from './yaml-document-stream.js';

/** A replacement for one document of an editor's text. */
export interface DocumentEdit {
  /**
   * The text to replace, `[start, end)`: the whole region of the document. For the first document it starts
   * at 0, because the comments before the first document are part of it and are rendered with it.
   */
  start: number;
  end: number;
  replacement: string;
  /** False when there was nothing to convert (or revert) in the document; `replacement` is then the old text. */
  changed: boolean;
  objects: ObjectReport[];
}

/**
 * Converts (or reverts) only the document containing `offset`, for an editor action: the rest of the text
 * is not touched at all. Throws UserError(s) located in the text when that document has problems.
 */
export function transformDocumentAt(text: string, offset: number, mode: TransformMode, options: ManifestOptions = {}): DocumentEdit {
  checkManifestText(text, options.file);
  const source = documentAt(text, offset);
  if (source === undefined) {
    throw new UserError('there is no YAML document at this position', options.file === undefined ? {} : { file: options.file });
  }
  const context = { text, positions: new LinePositions(text), ...(options.file === undefined ? {} : { file: options.file }) };
  const result = transformDocument(source, mode, options, context);
  throwUserErrors(result.errors);
  const original = text.slice(source.start, source.end);
  if (result.next === undefined) {
    return { start: source.start, end: source.end, replacement: original, changed: false, objects: result.reports };
  }
  const replacement =
    detectFormat(text) === 'json' ? renderJson(result.next, detectJsonIndent(original)) : renderYamlDocument(source, text, result.next);
  return { start: source.start, end: source.end, replacement, changed: true, objects: result.reports };
}

/** The document whose region holds `offset`; an offset past the last document belongs to the last one. */
export function documentAt(text: string, offset: number): SourceDocument | undefined {
  let last: SourceDocument | undefined;
  for (const source of yamlDocuments(text)) {
    if (offset < source.end) return source;
    last = source;
  }
  return last;
}
