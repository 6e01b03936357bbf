import { type InputLocation, UserError } from '../errors/index.js';
import { type ConversionWarning } from './conversion-types.js';
import { fieldOffset } from './field-location.js';
import { HELM_TEMPLATE_HINT, HELM_TEMPLATE_MESSAGE, templateActionInText, templateActionOffset } from './helm-template.js';
import { formatFieldPath, parseFieldPath } from './field-path.js';
import { type JsonObject, type JsonValue, isPlainObject } from './json-value.js';
import { type LinePositions } from './line-positions.js';
import { objectLabel } from './object-label.js';
import { type TransformMode, type TransformOptions, transformObject } from './object-transform.js';
import { userErrorsOf } from './problems.js';
import { type SourceDocument } from './yaml-document-stream.js';
import { MAX_ALIAS_COUNT, TO_JS_OPTIONS } from './yaml-settings.js';
import { guardErrors, syntaxError } from './input-guard.js';

/** What happened to one object of a manifest (a document, or an item of a `v1` List document). */
export interface ObjectReport {
  document: number;
  /** Position in the `items` of a `v1` List document. */
  item?: number;
  /** `Kind/name`. */
  object: string;
  /** Where the object starts: file, document, line and column. */
  location: InputLocation;
  /** `transformed`: converted or reverted; `skipped`: already in the asked form; `unsupported`: other kind. */
  status: 'transformed' | 'skipped' | 'unsupported';
  reason?: string;
  warnings: ConversionWarning[];
}

export interface DocumentResult {
  /** The parsed document; undefined for an empty one (only comments, or `---` alone). */
  value: unknown;
  /** The new value when the document changed. */
  next: JsonObject | undefined;
  reports: ObjectReport[];
  errors: UserError[];
}

export interface DocumentContext {
  text: string;
  positions: LinePositions;
  file?: string;
}

/**
 * Converts or reverts the object(s) of one parsed document. Problems come back as errors located by file,
 * document, line and column; nothing is thrown for the user's input.
 */
export function transformDocument(
  source: SourceDocument,
  mode: TransformMode,
  options: TransformOptions,
  context: DocumentContext,
): DocumentResult {
  const { doc, index } = source;
  context.positions.moveTo(source.start);
  const base: InputLocation = { ...(context.file === undefined ? {} : { file: context.file }), document: index };
  const at = (offset: number | undefined): InputLocation => ({ ...base, ...(offset === undefined ? {} : context.positions.at(offset)) });
  const result: DocumentResult = { value: undefined, next: undefined, reports: [], errors: [] };

  if (doc.errors.length > 0) {
    // A template's syntax errors are symptoms: say what the text is instead.
    const template = templateActionInText(context.text, source.start, source.end);
    result.errors =
      template === undefined
        ? doc.errors.map((error) => syntaxError(error, context.text, at(error.pos[0])))
        : [new UserError(HELM_TEMPLATE_MESSAGE, at(template), HELM_TEMPLATE_HINT)];
    return result;
  }
  if (doc.contents === null) return result;
  result.errors = guardErrors(source, context.text, at);
  if (result.errors.length > 0) return result;
  const template = templateActionOffset(doc);
  if (template !== undefined) {
    result.errors.push(new UserError(HELM_TEMPLATE_MESSAGE, at(template), HELM_TEMPLATE_HINT));
    return result;
  }
  try {
    result.value = doc.toJS(TO_JS_OPTIONS);
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    result.errors.push(
      new UserError(
        `the document expands more than ${MAX_ALIAS_COUNT} YAML aliases (a "billion laughs" document?)`,
        at(source.doc.range[0]),
        'write the values out instead of using anchors and aliases',
      ),
    );
    return result;
  }
  const value = result.value;
  if (value === null || value === undefined) return result;
  if (!isPlainObject(value)) {
    result.errors.push(
      new UserError('the document is not a Kubernetes object (a mapping with apiVersion and kind)', at(fieldOffset(doc, []))),
    );
    return result;
  }

  // Core errors and warnings know the object and field; add where that field is in the text.
  const locate = (location: InputLocation, prefix: (string | number)[]): InputLocation => {
    const field = [...prefix, ...parseFieldPath(location.field ?? '')];
    return { ...location, ...at(fieldOffset(doc, field)), ...(field.length > 0 ? { field: formatFieldPath(field) } : {}) };
  };
  const transformOne = (object: unknown, prefix: (string | number)[], item?: number): unknown => {
    try {
      const outcome = transformObject(mode, object, options);
      const report: ObjectReport = {
        document: index,
        ...(item === undefined ? {} : { item }),
        object: objectLabel(object),
        location: { ...at(fieldOffset(doc, prefix)), object: objectLabel(object) },
        status: outcome.status,
        warnings: [],
      };
      if (outcome.status === 'transformed') {
        report.warnings = outcome.warnings.map((w) => ({ message: w.message, location: locate(w.location, prefix) }));
      } else {
        report.reason = outcome.reason;
      }
      result.reports.push(report);
      return outcome.status === 'transformed' ? outcome.object : object;
    } catch (err) {
      const errors = userErrorsOf(err);
      if (errors === undefined) throw err;
      result.errors.push(...errors.map((e) => new UserError(e.message, locate(e.location, prefix), e.hint)));
      return object;
    }
  };

  if (value['apiVersion'] === 'v1' && value['kind'] === 'List') {
    const items = value['items'];
    if (items !== undefined && items !== null && !Array.isArray(items)) {
      result.errors.push(new UserError('items of a List must be a list', { ...at(fieldOffset(doc, ['items'])), field: 'items' }));
      return result;
    }
    const list = items ?? [];
    const nextItems = list.map((item, i) => transformOne(item, ['items', i], i));
    if (result.errors.length === 0 && nextItems.some((item, i) => item !== list[i])) {
      result.next = { ...value, items: nextItems as JsonValue[] };
    }
  } else {
    const next = transformOne(value, []);
    if (result.errors.length === 0 && next !== value) result.next = next as JsonObject;
  }
  return result;
}
