import { type Document, isAlias, visit } from 'yaml';
import { restoreCommentSpacing } from './comment-spacing.js';
import { type JsonObject } from './json-value.js';
import { type SourceDocument } from './yaml-document-stream.js';
import { detectLayout } from './yaml-layout.js';
import { createNode, patchNode } from './yaml-node-patch.js';

/**
 * The changed document as YAML in its author's layout, keeping comments, key order and quoting. A document
 * with aliases is written out in full instead: editing an anchored node would silently change its aliases.
 */
export function renderYamlDocument(source: SourceDocument, text: string, next: JsonObject): string {
  const { doc } = source;
  const layout = detectLayout(doc, text);
  const mayHaveAliases = text.slice(source.start, source.end).includes('*');
  doc.contents = (mayHaveAliases && hasAliases(doc) ? createNode(doc, next) : patchNode(doc, doc.contents, next)) as typeof doc.contents;
  return restoreCommentSpacing(doc.toString(layout), text.slice(source.start, source.end));
}

function hasAliases(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found || isAlias(doc.contents);
}
