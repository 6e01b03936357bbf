import { parseAllDocuments } from 'yaml';
import { fieldPosition } from '../convert/index.js';
import { UserError } from '../errors/index.js';
import { type InputDocument } from './actions-from-manifest.js';

/**
 * Parses every YAML (or JSON) document of one input text, flattening `v1/List` items, as `kubectl kueue enqueue
 * -f` and the editor's Enqueue read their input. A syntax error stops everything with file, line and column;
 * nothing is half-read. Empty documents are skipped; each document keeps its index, so a caller can pick one.
 */
export function parseManifestText(text: string, file: string): InputDocument[] {
  const documents: InputDocument[] = [];
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0];
      // The location is reported separately; drop the parser's own " at line L, column C:" suffix.
      const message = (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
      throw new UserError(message, { file, document: index, ...(pos ? { line: pos.line, column: pos.col } : {}) });
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
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
