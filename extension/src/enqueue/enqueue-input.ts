import { UserError } from '../../../shared/errors/index.js';
import { type InputDocument, parseManifestText } from '../../../shared/queue/index.js';
import { TASKACTION_API_VERSION, TASKACTION_KIND } from '../../../shared/task-action/index.js';
import { manifestAtCursor } from './manifest-at-cursor.js';

/** What Enqueue would send, as `kubectl kueue enqueue -f` reads it. */
export type EnqueueInput =
  /** TaskAction documents: the file is a run (or several); names come from the documents. */
  | { kind: 'taskactions'; documents: InputDocument[]; runNames: string[] }
  /** The Pod or Job under the cursor: a one-action run the user names. */
  | { kind: 'workload'; objectKind: 'Pod' | 'Job'; name?: string; document: InputDocument };

interface ObjectShape {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
  spec?: { runName?: unknown };
}

function isTaskAction(value: unknown): boolean {
  const shape = value as ObjectShape | null;
  return shape?.apiVersion === TASKACTION_API_VERSION && shape.kind === TASKACTION_KIND;
}

/**
 * Reads the input of Enqueue: a TaskAction under the cursor means the whole file (a run is written as many
 * TaskAction documents, examples/run.yaml), a Pod or Job means that document only; anything else is refused with
 * what to do.
 */
export function enqueueInput(text: string, offset: number, file: string): EnqueueInput {
  const document = manifestAtCursor(text, offset, file);
  const value = document.value as ObjectShape | null;
  if (isTaskAction(value)) {
    const documents = parseManifestText(text, file);
    const runNames = [...new Set(documents.filter((d) => isTaskAction(d.value)).map((d) => (d.value as ObjectShape).spec?.runName).filter((n): n is string => typeof n === 'string'))];
    return { kind: 'taskactions', documents, runNames };
  }
  if (value?.kind === 'Pod' || value?.kind === 'Job') {
    const name = value.metadata?.name;
    return { kind: 'workload', objectKind: value.kind, ...(typeof name === 'string' ? { name } : {}), document };
  }
  const what = typeof value?.kind === 'string' ? `a ${value.kind}` : 'not a Kubernetes object';
  throw new UserError(`the document at the cursor is ${what}`, document.location, 'put the cursor in a TaskAction, Pod or Job manifest');
}
