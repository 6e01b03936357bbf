import { documentAt, yamlErrorMessage } from '../../../shared/convert/index.js';
import { UserError } from '../../../shared/errors/index.js';
import { type InputDocument } from '../../../shared/queue/index.js';

/** 1-based line and column of an offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The YAML document under the cursor, as the queue core reads manifests: its value and where it is. Only that
 * document is parsed into objects, so a file of many manifests enqueues the one the user is looking at.
 */
export function manifestAtCursor(text: string, offset: number, file: string): InputDocument {
  const source = documentAt(text, offset);
  if (source === undefined || source.doc.contents === null) {
    throw new UserError('there is no YAML document at the cursor', { file }, 'put the cursor in a Pod or Job manifest');
  }
  const error = source.doc.errors[0];
  if (error !== undefined) {
    throw new UserError(yamlErrorMessage(error, text), { file, document: source.index, ...positionOf(text, error.pos[0]) });
  }
  const contentStart = source.doc.contents.range[0];
  return { value: source.doc.toJS({ maxAliasCount: 100 }) as unknown, location: { file, document: source.index, line: positionOf(text, contentStart).line } };
}
