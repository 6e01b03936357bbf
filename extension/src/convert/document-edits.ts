import { type ManifestOptions, type ObjectReport, transformDocumentAt, type TransformMode } from '../../../shared/convert/index.js';
import { type TextReplacement, narrowEdit } from './narrow-edit.js';

export interface DocumentEdits {
  /** Non-overlapping replacements against the original text, in text order: apply them as one edit. */
  edits: TextReplacement[];
  /** What happened to each object of the rewritten documents (with the core's warnings). */
  objects: ObjectReport[];
}

/**
 * The edits that convert (or revert) exactly the documents starting at `documentStarts`, each computed by the
 * core on the unchanged text, so every other byte of the text stays as it is. Throws the core's UserError(s)
 * when a document cannot be rewritten.
 */
export function documentEdits(text: string, documentStarts: readonly number[], mode: TransformMode, options: ManifestOptions = {}): DocumentEdits {
  const edits: TextReplacement[] = [];
  const objects: ObjectReport[] = [];
  for (const start of [...new Set(documentStarts)].sort((a, b) => a - b)) {
    const edit = transformDocumentAt(text, start, mode, options);
    objects.push(...edit.objects);
    if (edit.changed) edits.push(narrowEdit(text, edit));
  }
  return { edits, objects };
}
