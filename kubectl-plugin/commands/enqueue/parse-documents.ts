import { parseAllDocuments } from 'yaml';
import { fieldPosition } from '../../../shared/convert/index.js';
import { UserError } from '../../../shared/errors/index.js';
import { type InputDocument } from '../../../shared/queue/index.js';
import { type InputFile } from '../../cli/input-files.js';

/**
 * Parses every YAML (or JSON) document of the input files, flattening `v1/List` items. Syntax errors stop
 * everything with file, line and column; nothing is half-read. Empty documents are skipped.
 */
export function parseDocuments(files: InputFile[]): InputDocument[] {
  const documents: InputDocument[] = [];
  for (const file of files) {
    const text = file.bytes.toString('utf8');
    const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, index) => {
      const error = doc.errors[0];
      if (error) {
        const pos = error.linePos?.[0];
        // The location is reported separately; drop the parser's own " at line L, column C:" suffix.
        const message = (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
        throw new UserError(message, {
          file: file.path,
          document: index,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        });
      }
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) return;
      const line = doc.contents ? text.slice(0, doc.contents.range[0]).split('\n').length : undefined;
      const location = { file: file.path, document: index, ...(line !== undefined ? { line } : {}) };
      const record = value as { apiVersion?: unknown; kind?: unknown; items?: unknown };
      if (record.apiVersion === 'v1' && record.kind === 'List' && Array.isArray(record.items)) {
        record.items.forEach((item, i) => documents.push({ value: item, location, locate: (field) => fieldPosition(doc, text, field, ['items', i]) }));
      } else {
        documents.push({ value, location, locate: (field) => fieldPosition(doc, text, field) });
      }
    });
  }
  return documents;
}
