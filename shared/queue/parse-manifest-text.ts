import { type Document, isAlias, parseAllDocuments, visit } from 'yaml';
import { fieldPosition } from '../convert/index.js';
import { UserError } from '../errors/index.js';
import { checkYamlDocument, defaultYamlInputLimits, isStackOverflow, nestingTooDeepError } from '../yaml-input/index.js';
import { type InputDocument } from './actions-from-manifest.js';

/**
 * Parses every YAML (or JSON) document of one input text, flattening `v1/List` items, as `kubectl kueue enqueue
 * -f` and the editor's Enqueue read their input. A syntax error, or input past the YAML input limits, stops
 * everything with file, line and column; nothing is half-read. Empty documents are skipped; each document keeps
 * its index, so a caller can pick one.
 */
export function parseManifestText(text: string, file: string): InputDocument[] {
  const documents: InputDocument[] = [];
  parseStream(text, file).forEach((doc, index) => {
    const error = doc.errors[0];
    if (error && isStackOverflow(error)) throw nestingTooDeepError(text, file);
    if (error) {
      const pos = error.linePos?.[0];
      // The location is reported separately; drop the parser's own " at line L, column C:" suffix.
      const message = (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
      throw new UserError(message, { file, document: index, ...(pos ? { line: pos.line, column: pos.col } : {}) });
    }
    const [problem] = checkYamlDocument(doc, defaultYamlInputLimits(text.length));
    if (problem !== undefined) throw new UserError(problem.message, { file, document: index, ...lineAndColumn(text, problem.offset) }, problem.hint);
    const value = documentValue(doc, text, file, index);
    if (value === null || value === undefined) return;
    const line = doc.contents ? text.slice(0, doc.contents.range[0]).split('\n').length : undefined;
    const location = { file, document: index, ...(line !== undefined ? { line } : {}) };
    const record = value as { apiVersion?: unknown; kind?: unknown; items?: unknown };
    if (record.apiVersion === 'v1' && record.kind === 'List' && Array.isArray(record.items)) {
      record.items.forEach((item, i) => documents.push({ value: item, location, locate: (field) => fieldPosition(doc, text, field, ['items', i]) }));
    } else {
      documents.push({ value, location, locate: (field) => fieldPosition(doc, text, field) });
    }
  });
  return documents;
}

/** The parser, with nesting too deep for its stack refused as a located error instead of a RangeError. */
function parseStream(text: string, file: string): Document.Parsed[] {
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
    return Array.isArray(docs) ? docs : [];
  } catch (err) {
    if (isStackOverflow(err)) throw nestingTooDeepError(text, file);
    throw err;
  }
}

/** Most aliases one document may use: as the `yaml` package counts them, where a hand-written manifest stays. */
const MAX_ALIAS_COUNT = 100;

/**
 * The document's value; more than `MAX_ALIAS_COUNT` aliases are refused at the first one past it (the parser's
 * own error names no place).
 */
function documentValue(doc: Document.Parsed, text: string, file: string, index: number): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let seen = 0;
    let offset: number | undefined;
    visit(doc, {
      Alias: (_key, node) => {
        seen++;
        if (seen <= MAX_ALIAS_COUNT || !isAlias(node)) return undefined;
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    throw new UserError(
      `the document's aliases copy anchored nodes more than ${MAX_ALIAS_COUNT} times`,
      { file, document: index, ...(offset !== undefined ? lineAndColumn(text, offset) : {}) },
      'write the repeated parts out, or split the document',
    );
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
