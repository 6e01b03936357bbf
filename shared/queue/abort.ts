import { isKubeApiError } from '../errors/index.js';
import { type KubeClient, type PropagationPolicy } from '../kube/index.js';
import { runLabelSelector, type RunSelectorParts, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { type AbortCleanup, type CleanupOutcome, cleanupForbidden, decideCleanup, endActionsWork, leftForExecutor } from './abort-cleanup.js';
import { actionSubtree } from './action-subtree.js';
import { findAction } from './find-action.js';
import { listTaskActions } from './list-task-actions.js';
import { waitUntilOwnedObjectsGone } from './owned-objects.js';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntilGone } from './wait-until-gone.js';

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
  /**
   * Who ends what the aborted actions run and removes their plugin finalizer. Absent: the executor, without
   * looking whether one runs (the deletion then waits for one).
   */
  cleanup?: AbortCleanup;
  /** With `cleanup`: what became of the aborted actions' work, before any waiting (a wait may time out). */
  onCleanup?: (outcome: CleanupOutcome) => void;
  /** With `cleanup` and `wait`, once the TaskActions are gone: the objects they owned still present. */
  onObjectsProgress?: (remaining: number) => void;
}

export interface AbortResult {
  /** Names of the TaskActions deleted (the run's root, or the action). */
  deleted: string[];
  /** Set when there was nothing to abort; aborting is idempotent, so this is not an error. */
  note?: string;
  /** With `cleanup` (and not a dry run): who ends the aborted actions' work, what abort ended, what is left. */
  cleanup?: CleanupOutcome;
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
  const plan = options.cleanup && !options.dryRun ? await decideCleanup(client, options.namespace, options.cleanup) : undefined;
  const deleted: string[] = [];
  for (const root of roots.items) {
    if (await deleteIfPresent(client, root, options)) {
      deleted.push(root.metadata.name ?? '');
      options.onDeleted?.(root.metadata.name ?? '');
    }
  }
  const scope: AbortScope = {
    what: `run "${run.runName}"`,
    labelSelector: runLabelSelector(run),
    select: deletedObjects(roots.items, options, (all) => all),
  };
  const cleanup = await finishAbort(client, scope, plan, options);
  const result: AbortResult = deleted.length > 0 ? { deleted } : { deleted, note: `run "${run.runName}" is already being deleted` };
  return cleanup ? { ...result, cleanup } : result;
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
  const plan = options.cleanup && !options.dryRun ? await decideCleanup(client, options.namespace, options.cleanup) : undefined;
  const deleted = (await deleteIfPresent(client, action, options)) ? [action.metadata.name ?? ''] : [];
  for (const name of deleted) options.onDeleted?.(name);
  const scope: AbortScope = {
    what: `action "${actionName}"`,
    labelSelector: runLabelSelector(run),
    select: deletedObjects([action], options, (all) => actionSubtree(action, all)),
  };
  const cleanup = await finishAbort(client, scope, plan, options);
  return cleanup ? { deleted, cleanup } : { deleted };
}

/** What one abort covers: the TaskActions `select` keeps of those with `labelSelector`. */
interface AbortScope {
  what: string;
  labelSelector: string;
  select: (all: TaskAction[]) => TaskAction[];
}

/**
 * After the delete: ends the aborted actions' work when abort is to do it (or counts what is left for an absent
 * executor), then waits when asked. Ending the work covers every action of the scope, deleted already or not yet
 * (the garbage collector deletes the descendants after their owner), and also a run an earlier abort left stuck.
 */
async function finishAbort(
  client: KubeClient,
  scope: AbortScope,
  plan: Pick<CleanupOutcome, 'by' | 'executor' | 'leaseName'> | undefined,
  options: AbortOptions,
): Promise<CleanupOutcome | undefined> {
  let outcome: CleanupOutcome | undefined;
  let actions: TaskAction[] = [];
  if (plan && options.cleanup) {
    const cleanup = options.cleanup;
    actions = scope.select(await listTaskActions(client, options.namespace, { labelSelector: scope.labelSelector }));
    outcome = { ...plan, objectsDeleted: [], finalizersRemoved: 0, leftRunning: {}, leftHeld: 0 };
    if (plan.by === 'abort') {
      try {
        Object.assign(outcome, await endActionsWork(client, options.namespace, scope.labelSelector, actions, cleanup));
      } catch (err) {
        throw cleanupForbidden(err, scope.what, options.namespace, cleanup);
      }
    } else if (plan.executor === 'absent') {
      Object.assign(outcome, await leftForExecutor(client, options.namespace, scope.labelSelector, actions, cleanup.ownedObjects));
    }
    options.onCleanup?.(outcome);
  }
  if (options.wait && !options.dryRun) {
    const started = Date.now();
    await waitUntilGone(client, options.namespace, scope.labelSelector, scope.what, options, scope.select);
    if (outcome?.by === 'abort' && options.cleanup) {
      const timeoutMs = Math.max(1, (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS) - (Date.now() - started));
      await waitUntilOwnedObjectsGone(client, options.namespace, scope.labelSelector, actions, options.cleanup.ownedObjects, {
        timeoutMs,
        what: scope.what,
        onProgress: options.onObjectsProgress,
      });
    }
  }
  return outcome;
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
