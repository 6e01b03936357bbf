import { isKubeApiError } from '../errors/index.js';
import { type KubeClient, type PropagationPolicy } from '../kube/index.js';
import { runLabelSelector, type RunSelectorParts, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { actionSubtree } from './action-subtree.js';
import { findAction } from './find-action.js';
import { waitUntilGone } from './wait-until-gone.js';

export interface AbortOptions {
  namespace: string;
  /** How deletion reaches descendants: Background (default, like Flyte), Foreground, or Orphan. */
  propagationPolicy?: PropagationPolicy;
  /** Wait until the deleted objects and all their descendants are gone. */
  wait?: boolean;
  timeoutMs?: number;
  /** Called as soon as each object is deleted, before any waiting: what happened is reported even if the wait fails. */
  onDeleted?: (name: string) => void;
  /** Called while waiting with the number of objects still present. */
  onProgress?: (remaining: number) => void;
  dryRun?: boolean;
}

export interface AbortResult {
  /** Names of the TaskActions deleted (the run's root, or the action). */
  deleted: string[];
  /** Set when there was nothing to abort; aborting is idempotent, so this is not an error. */
  note?: string;
}

/**
 * Aborts a run: deletes its root TaskAction, and Kubernetes' garbage collector deletes every descendant through
 * the ownerReferences. A run that does not exist (or was aborted already) is a success with a note.
 */
export async function abortRun(client: KubeClient, run: RunSelectorParts, options: AbortOptions): Promise<AbortResult> {
  const roots = await client.list<TaskAction>(TASKACTIONS, options.namespace, { labelSelector: runLabelSelector(run, { rootOnly: true }) });
  if (roots.items.length === 0) {
    return { deleted: [], note: `run "${run.runName}" not found in namespace "${options.namespace}": nothing to abort` };
  }
  const deleted: string[] = [];
  for (const root of roots.items) {
    if (await deleteIfPresent(client, root, options)) {
      deleted.push(root.metadata.name ?? '');
      options.onDeleted?.(root.metadata.name ?? '');
    }
  }
  if (options.wait && !options.dryRun) {
    await waitUntilGone(client, options.namespace, runLabelSelector(run), `run "${run.runName}"`, options, deletedObjects(roots.items, options, (all) => all));
  }
  return deleted.length > 0 ? { deleted } : { deleted, note: `run "${run.runName}" is already being deleted` };
}

/**
 * Aborts one action: deletes its TaskAction; its descendants cascade, its parent and siblings stay. A missing
 * action is a success with a note, exactly like a missing run.
 */
export async function abortAction(client: KubeClient, run: RunSelectorParts, actionName: string, options: AbortOptions): Promise<AbortResult> {
  const action = await findAction(client, options.namespace, run, actionName);
  if (!action) {
    return { deleted: [], note: `action "${actionName}" of run "${run.runName}" not found in namespace "${options.namespace}": nothing to abort` };
  }
  const deleted = (await deleteIfPresent(client, action, options)) ? [action.metadata.name ?? ''] : [];
  for (const name of deleted) options.onDeleted?.(name);
  if (options.wait && !options.dryRun) {
    await waitUntilGone(client, options.namespace, runLabelSelector(run), `action "${actionName}"`, options, deletedObjects([action], options, (all) => actionSubtree(action, all)));
  }
  return { deleted };
}

async function deleteIfPresent(client: KubeClient, action: TaskAction, options: AbortOptions): Promise<boolean> {
  try {
    await client.delete(TASKACTIONS, options.namespace, action.metadata.name ?? '', {
      propagationPolicy: options.propagationPolicy ?? 'Background',
      // Delete exactly the object we looked at, not a namesake created since.
      preconditions: action.metadata.uid ? { uid: action.metadata.uid } : undefined,
      dryRun: options.dryRun,
    });
    return true;
  } catch (err) {
    if (isKubeApiError(err) && (err.code === 404 || err.code === 409)) return false;
    throw err;
  }
}

/**
 * What `--wait` waits for: with Orphan the descendants stay by design, so only the deleted objects themselves;
 * otherwise `cascaded` (what the garbage collector deletes, level by level).
 */
function deletedObjects(deleted: readonly TaskAction[], options: AbortOptions, cascaded: (all: TaskAction[]) => TaskAction[]): (all: TaskAction[]) => TaskAction[] {
  if (options.propagationPolicy !== 'Orphan') return cascaded;
  const uids = new Set(deleted.map((item) => item.metadata.uid ?? ''));
  return (all) => all.filter((item) => uids.has(item.metadata.uid ?? ''));
}
