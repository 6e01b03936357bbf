import { isScalar } from 'yaml';
import { fieldPosition, yamlDocuments, yamlErrorMessage } from '../convert/index.js';
import { UserError } from '../errors/index.js';
import { type InputDocument } from '../queue/index.js';
import { type AuthoredKind, authoredKind } from './manifest-kind.js';

/** Something a file can be enqueued as, and where its lens goes. */
export interface EnqueueTarget {
  kind: AuthoredKind;
  /** Offset of the document's first content (its `apiVersion:` line, usually). */
  offset: number;
  /** 0-based index of the document in the file. */
  document: number;
}

/**
 * What `kubectl kueue enqueue -f` would enqueue from this file: every Pod or Job document on its own, and the
 * TaskAction documents together as one batch (marked at the first of them).
 */
export function enqueueTargets(text: string): EnqueueTarget[] {
  const targets: EnqueueTarget[] = [];
  let taskActions = false;
  for (const { doc, index } of yamlDocuments(text)) {
    if (doc.contents === null || isScalar(doc.contents)) continue;
    const kind = authoredKind(doc.toJS({ maxAliasCount: 100 }));
    if (kind === undefined || (kind === 'TaskAction' && taskActions)) continue;
    taskActions ||= kind === 'TaskAction';
    targets.push({ kind, offset: doc.contents.range[0], document: index });
  }
  return targets;
}

/**
 * The documents an enqueue of `target` reads, as the queue core takes input: the one Pod or Job, or every
 * TaskAction document of the file. Each names its file, document and line, and where its fields are.
 */
export function enqueueInput(text: string, file: string, target: EnqueueTarget): InputDocument[] {
  const documents: InputDocument[] = [];
  for (const { doc, index } of yamlDocuments(text)) {
    const error = doc.errors[0];
    if (error !== undefined) {
      const line = text.slice(0, error.pos[0]).split('\n').length;
      throw new UserError(yamlErrorMessage(error, text), { file, document: index, line }, 'fix the YAML first (see Problems)');
    }
    if (doc.contents === null || isScalar(doc.contents)) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const wanted = target.kind === 'TaskAction' ? authoredKind(value) === 'TaskAction' : index === target.document;
    if (!wanted) continue;
    const line = text.slice(0, doc.contents.range[0]).split('\n').length;
    documents.push({ value, location: { file, document: index, line }, locate: (field) => fieldPosition(doc, text, field) });
  }
  return documents;
}
