import { yamlDocuments } from '../convert/index.js';
import { formatFieldPath } from '../queue/index.js';
import { taskActionFieldDoc } from './field-docs.js';
import { authoredKind } from './manifest-kind.js';
import { keyPathAt, type Span } from './yaml-nodes.js';

export interface FieldHover extends Span {
  /** Markdown: the field's path and what it means. */
  markdown: string;
}

/** What the TaskAction field under the cursor means, when the cursor is on a documented key. */
export function fieldHover(text: string, offset: number): FieldHover | undefined {
  for (const { doc, start, end } of yamlDocuments(text)) {
    if (offset < start || offset > end) continue;
    if (doc.contents === null || doc.errors.length > 0) return undefined;
    if (authoredKind(doc.toJS({ maxAliasCount: 100 })) !== 'TaskAction') return undefined;
    const at = keyPathAt(doc, offset);
    const documentation = at === undefined ? undefined : taskActionFieldDoc(at.path);
    if (at === undefined || documentation === undefined) return undefined;
    return { ...at.key, markdown: `**${formatFieldPath(at.path)}** (TaskAction)\n\n${documentation}` };
  }
  return undefined;
}
