import { UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { type ActionDescription, runLabelSelector, type RunSelectorParts, type TaskAction, type TaskActionNaming } from '../task-action/index.js';
import { listTaskActions } from './list-task-actions.js';
import { waitUntilGone } from './wait-until-gone.js';

/** How enqueue treats a run whose earlier incarnation is still being deleted. */
export interface WaitForDeletion {
  timeoutMs: number;
  onProgress?: (remaining: number) => void;
}

/**
 * The actions of a run that are going away: deleted (deletionTimestamp set), or owned by a TaskAction that is gone
 * or going (the garbage collector deletes them next, level by level). Such an object must never count as
 * "unchanged": it vanishes after enqueue reports it.
 */
export function dyingActions(items: readonly TaskAction[]): TaskAction[] {
  const live = new Set(items.filter((item) => !item.metadata.deletionTimestamp).map((item) => item.metadata.uid ?? ''));
  // An orphan's children are orphans too: repeat until no more live uids drop out.
  for (let changed = true; changed; ) {
    changed = false;
    for (const item of items) {
      const uid = item.metadata.uid ?? '';
      if (live.has(uid) && ownerUids(item).some((owner) => !live.has(owner))) {
        live.delete(uid);
        changed = true;
      }
    }
  }
  return items.filter((item) => !live.has(item.metadata.uid ?? ''));
}

/** True when `existing` is a live object owned by `parentUid` (or a live root when there is no parent). */
export function isLiveUnder(existing: TaskAction, parentUid: string | undefined): boolean {
  if (existing.metadata.deletionTimestamp) return false;
  const owners = ownerUids(existing);
  return parentUid === undefined ? owners.length === 0 : owners.includes(parentUid);
}

function ownerUids(item: TaskAction): string[] {
  return (item.metadata.ownerReferences ?? []).filter((ref) => ref.kind === 'TaskAction').map((ref) => ref.uid);
}

/** The error for a run still being deleted: enqueueing into it now would report objects that then vanish. */
export function runBeingDeletedError(runName: string, remaining: number): UserError {
  return new UserError(
    `run ${runName} is still being deleted (${remaining} actions left)`,
    {},
    'retry when it is gone or use --wait (waits for the deletion first)',
  );
}

interface RunToCheck {
  namespace: string;
  runName: string;
  selector: string;
}

function runsOfBatch(actions: readonly ActionDescription[], namespace: string, naming: TaskActionNaming | undefined): RunToCheck[] {
  const runs = new Map<string, RunToCheck>();
  for (const action of actions) {
    // Flyte's current service writes no org label, so its runs are found without one.
    const parts: RunSelectorParts = naming === 'flyte-head' ? { project: action.project, domain: action.domain, runName: action.runName } : action;
    const ns = action.namespace ?? namespace;
    const selector = runLabelSelector(parts);
    runs.set(`${ns}\u0000${selector}`, { namespace: ns, runName: action.runName, selector });
  }
  return [...runs.values()];
}

/**
 * Before anything is created: a run of the batch whose earlier actions are still being deleted is waited for
 * (bounded, with progress) when `wait` is given, and refused otherwise.
 */
export async function settleRunsBeingDeleted(
  client: KubeClient,
  actions: readonly ActionDescription[],
  namespace: string,
  naming: TaskActionNaming | undefined,
  wait: WaitForDeletion | undefined,
): Promise<void> {
  for (const run of runsOfBatch(actions, namespace, naming)) {
    // From the watch cache: one scan in memory per run, cheap in a namespace of thousands. Should the cache lag
    // behind a deletion, each create still finds its namesake and refuses or waits (createOrCompare).
    const dying = dyingActions(await listTaskActions(client, run.namespace, { labelSelector: run.selector, fromWatchCache: true }));
    if (dying.length === 0) continue;
    if (wait === undefined) throw runBeingDeletedError(run.runName, dying.length);
    await waitUntilGone(client, run.namespace, run.selector, `run "${run.runName}"`, wait, dyingActions);
  }
}

/** Counts what is left of a run being deleted, for the error that refuses to enqueue into it. */
export async function remainingOfRun(client: KubeClient, namespace: string, action: ActionDescription, naming: TaskActionNaming | undefined): Promise<number> {
  const [run] = runsOfBatch([action], namespace, naming);
  if (run === undefined) return 0;
  return dyingActions(await listTaskActions(client, run.namespace, { labelSelector: run.selector })).length;
}
