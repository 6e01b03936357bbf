import { formatApiError, isKubeApiError, UserError } from '../errors/index.js';
import { type KubeClient, LEASES } from '../kube/index.js';
import { PLUGIN_FINALIZER, type TaskAction } from '../task-action/index.js';
import { deleteOwnedObject, listOwnedObjects, type OwnedObjectKind, ownedObjectRef } from './owned-objects.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { releaseFinalizer } from './release-finalizer.js';

/** Requests in flight while ending a large run's work (like enqueue's): 1,000 Pods must not take 1,000 round trips in a row. */
const CLEANUP_CONCURRENCY = 8;

/** Whether an executor acts in a namespace, as its Lease tells: `unknown` when the Lease cannot be read. */
export type ExecutorLeaseState = 'running' | 'absent' | 'unknown';

function hasPluginFinalizer(action: TaskAction): boolean {
  return (action.metadata.finalizers ?? []).includes(PLUGIN_FINALIZER);
}

/**
 * Who ends what aborted actions run (their Pods) and removes the plugin finalizer that holds them:
 * `auto` abort itself when no executor holds the namespace's Lease, else the executor; `always` abort itself
 * (an executor holds the Lease but does not act); `never` the executor, whenever one runs.
 */
export type AbortCleanupMode = 'auto' | 'always' | 'never';

export const ABORT_CLEANUP_MODES: readonly AbortCleanupMode[] = ['auto', 'always', 'never'];

export interface AbortCleanup {
  mode: AbortCleanupMode;
  /** What the executor's plugins create for an action and make it own (the pod plugins' `POD_OWNED_OBJECTS`). */
  ownedObjects: readonly OwnedObjectKind[];
  /**
   * Reads the executor's Lease in a namespace (the executor module's `executorPresence`; handed in because the
   * executor depends on the queue, not the other way round).
   */
  executorPresence: (namespace: string) => Promise<ExecutorLeaseState>;
  /** The name of that Lease, for messages. */
  leaseName: string;
  /** Called as each owned object is deleted, with kubectl's `pod/name`. */
  onObjectDeleted?: (ref: string) => void;
}

/** What became of the work of the aborted actions. */
export interface CleanupOutcome {
  /** Who ends it: abort did, or it is the executor's to do. */
  by: 'abort' | 'executor';
  /** The executor's Lease as read before the delete; `unknown` when not read (`always`) or unreadable (`never`). */
  executor: ExecutorLeaseState;
  leaseName: string;
  /** Objects abort deleted itself, as `pod/name`. */
  objectsDeleted: string[];
  /** TaskActions whose plugin finalizer abort removed. */
  finalizersRemoved: number;
  /** Left to an executor that is not running (`never`): owned objects still running, by kind (`Pod`). */
  leftRunning: Record<string, number>;
  /** Left to an executor that is not running (`never`): TaskActions the plugin finalizer keeps. */
  leftHeld: number;
}

/**
 * Decides, before anything is deleted, who will end the aborted actions' work. In `auto`, a Lease that cannot be
 * read is refused here rather than guessed: guessing "no executor" would race a live one, guessing "an executor"
 * could leave Pods running with nobody to stop them.
 */
export async function decideCleanup(client: KubeClient, namespace: string, cleanup: AbortCleanup): Promise<Pick<CleanupOutcome, 'by' | 'executor' | 'leaseName'>> {
  const leaseName = cleanup.leaseName;
  if (cleanup.mode === 'always') return { by: 'abort', executor: 'unknown', leaseName };
  const executor = await cleanup.executorPresence(namespace);
  if (cleanup.mode === 'never') return { by: 'executor', executor, leaseName };
  if (executor === 'unknown') await explainUnreadableLease(client, namespace, leaseName);
  return { by: executor === 'running' ? 'executor' : 'abort', executor, leaseName };
}

/** Reads the Lease again to say why it could not be read; a connection failure is reported as itself. */
async function explainUnreadableLease(client: KubeClient, namespace: string, leaseName: string): Promise<never> {
  let reason = 'its holder and renew time are unreadable';
  try {
    await client.get(LEASES, namespace, leaseName);
  } catch (err) {
    if (!isKubeApiError(err)) throw err;
    reason = formatApiError(err, { roleHint: false });
  }
  throw new UserError(
    `cannot tell whether an executor runs in namespace ${namespace}: reading Lease ${leaseName} failed: ${reason}`,
    {},
    'abort needs get on leases.coordination.k8s.io (the ClusterRole kueue-user grants it) to decide who stops the Pods; ' +
      'or say it: --cleanup=always (no executor runs: abort stops them) or --cleanup=never (leave them to the executor)',
  );
}

/**
 * Ends the work of `actions` (all in `namespace`, found with `labelSelector`) as their executor would on abort:
 * deletes the objects they own, then removes their plugin finalizer so the deletion can complete. Objects first:
 * once a TaskAction is gone, nothing would tell that its Pods were left behind.
 */
export async function endActionsWork(
  client: KubeClient,
  namespace: string,
  labelSelector: string | undefined,
  actions: readonly TaskAction[],
  cleanup: AbortCleanup,
): Promise<Pick<CleanupOutcome, 'objectsDeleted' | 'finalizersRemoved'>> {
  const objectsDeleted: string[] = [];
  const owned = await listOwnedObjects(client, namespace, labelSelector, actions, cleanup.ownedObjects);
  await mapWithConcurrency(owned, CLEANUP_CONCURRENCY, async (object) => {
    if (!(await deleteOwnedObject(client, namespace, object))) return;
    const ref = ownedObjectRef(object);
    objectsDeleted.push(ref);
    cleanup.onObjectDeleted?.(ref);
  });
  const released = await mapWithConcurrency(actions, CLEANUP_CONCURRENCY, (action) => releaseFinalizer(client, action, PLUGIN_FINALIZER));
  return { objectsDeleted, finalizersRemoved: released.filter(Boolean).length };
}

/** What is left for an executor to end: owned objects still running (by kind) and TaskActions held by the finalizer. */
export async function leftForExecutor(
  client: KubeClient,
  namespace: string,
  labelSelector: string | undefined,
  actions: readonly TaskAction[],
  kinds: readonly OwnedObjectKind[],
): Promise<Pick<CleanupOutcome, 'leftRunning' | 'leftHeld'>> {
  const leftRunning: Record<string, number> = {};
  for (const owned of await listOwnedObjects(client, namespace, labelSelector, actions, kinds)) {
    if (!owned.kind.isRunning(owned.object)) continue;
    const kind = owned.kind.resource.kind;
    leftRunning[kind] = (leftRunning[kind] ?? 0) + 1;
  }
  return { leftRunning, leftHeld: actions.filter(hasPluginFinalizer).length };
}

/**
 * A refusal while ending the work: the delete is done, the Pods are not. Says which right is missing and the
 * ways out, since the user cannot fix this by running the same command again.
 */
export function cleanupForbidden(err: unknown, what: string, namespace: string, cleanup: AbortCleanup): unknown {
  if (!isKubeApiError(err) || err.code !== 403) return err;
  const leaseName = cleanup.leaseName;
  const deletes = cleanup.ownedObjects.map((kind) => kind.resource.plural).join(', ');
  return new UserError(
    `${what} is being deleted, but what it runs keeps running: no executor holds Lease ${leaseName} in namespace ${namespace}, ` +
      `and abort may not stop it itself: ${formatApiError(err, { roleHint: false })}`,
    {},
    `ending a run without an executor needs delete on ${deletes} and patch on taskactions.flyte.org (finalizer ${PLUGIN_FINALIZER}) in namespace ${namespace}: ` +
      'the ClusterRole kueue-user grants both (kubectl kueue install updates it); or start an executor (kubectl kueue executor), which ends the run',
  );
}
