import { Composer, type Document, Parser } from 'yaml';
import { isStackOverflow, nestingTooDeepError } from '../yaml-input/index.js';
import { YAML_PARSE_OPTIONS } from './yaml-settings.js';

export interface SourceDocument {
  /** 0-based position in the stream. */
  index: number;
  doc: Document.Parsed;
  /**
   * The part of the text this document owns: from the end of the previous document (0 for the first, so
   * comments before the first document belong to it) to its own end. Regions are contiguous; whatever
   * follows the last one (a final comment, a trailing newline) belongs to no document.
   */
  start: number;
  end: number;
}

/**
 * The documents of a YAML stream one at a time: each is parsed only when asked for, so a large manifest
 * never has all its syntax trees in memory at once. Nesting too deep for the parser's stack is a UserError
 * located at the line where it happens, not a RangeError.
 */
export function* yamlDocuments(text: string, file?: string): Generator<SourceDocument, void, undefined> {
  const composer = new Composer(YAML_PARSE_OPTIONS);
  let index = 0;
  let start = 0;
  const emit = function* (docs: Iterable<Document.Parsed>): Generator<SourceDocument, void, undefined> {
    for (const doc of docs) {
      const end = doc.range[2];
      yield { index, doc, start, end };
      index++;
      start = end;
    }
  };
  const tokens = new Parser().parse(text);
  for (;;) {
    let next;
    try {
      next = tokens.next();
    } catch (err) {
      if (isStackOverflow(err)) throw nestingTooDeepError(text, file);
      throw err;
    }
    if (next.done === true) break;
    yield* emit(composer.next(next.value));
  }
  yield* emit(composer.end(false, text.length));
}
