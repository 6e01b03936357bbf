import {
  afterOf,
  childrenWaitForParent,
  CONDITION_FAILED,
  CONDITION_SUCCEEDED,
  ConditionReason,
  findCondition,
  isConditionTrue,
  isTerminal,
  pendingRetryRequest,
  type TaskAction,
} from '../task-action/index.js';
import { hasPluginFinalizer } from './finalizers.js';

/** Why an action waits for another: its `kueue.dev/after` list, or its parent under `children-wait-for-parent`. */
export type UpstreamRelation = 'after' | 'parent';

/** Whether an action may start now, must wait for others, or ends without running because one of them did not succeed. */
export type UpstreamGate =
  | { kind: 'go' }
  | { kind: 'wait'; waitingFor: string[] }
  | { kind: 'skip'; upstream: string; relation: UpstreamRelation; outcome: string };

export const GO: UpstreamGate = { kind: 'go' };

/** The other actions of an action's run, as the executor's cache sees them. */
export interface RunView {
  get(actionName: string): TaskAction | undefined;
  /** The action was seen and has been deleted since (it is not merely not created yet). */
  deleted(actionName: string): boolean;
  root(): TaskAction | undefined;
}

/** What became of an upstream action, as far as its dependents care. */
type UpstreamOutcome = { done: 'succeeded' } | { done: 'failed'; outcome: string } | { done: 'no' };

function upstreamOutcome(name: string, run: RunView): UpstreamOutcome {
  const upstream = run.get(name);
  if (upstream === undefined) return run.deleted(name) ? { done: 'failed', outcome: 'was deleted' } : { done: 'no' };
  // A retry was asked for and not yet taken up: the upstream is about to run again, so its old failure no longer counts.
  if (pendingRetryRequest(upstream) !== undefined) return { done: 'no' };
  const conditions = upstream.status?.conditions;
  if (isConditionTrue(conditions, CONDITION_SUCCEEDED)) return { done: 'succeeded' };
  if (isConditionTrue(conditions, CONDITION_FAILED)) {
    const reason = findCondition(conditions, CONDITION_FAILED)?.reason ?? '';
    if (reason === ConditionReason.Aborted) return { done: 'failed', outcome: 'was aborted' };
    if (reason === ConditionReason.UpstreamFailed) return { done: 'failed', outcome: 'was not run (UpstreamFailed)' };
    return { done: 'failed', outcome: reason !== '' ? `failed (${reason})` : 'failed' };
  }
  // Being deleted before it finished: aborted, it will never succeed.
  if (upstream.metadata.deletionTimestamp !== undefined) return { done: 'failed', outcome: 'was aborted' };
  return { done: 'no' };
}

/**
 * Started: the plugin was called for it (our finalizer goes on first) or another executor recorded a plugin phase.
 * Only actions that have not started are gated: what runs keeps running, whatever its upstreams do later.
 */
export function hasStarted(action: TaskAction): boolean {
  return hasPluginFinalizer(action) || action.status?.pluginPhase !== undefined;
}

/**
 * Held back by ordering: not started, not finished, and waiting for upstreams of its own or for a parent that is
 * held. (Depth-bounded by the tree; `seen` guards against a malformed parent loop.)
 */
function isHeld(action: TaskAction, run: RunView, rootWaits: boolean, seen = new Set<string>()): boolean {
  if (hasStarted(action) || isTerminal(action) || seen.has(action.spec.actionName)) return false;
  seen.add(action.spec.actionName);
  const parentName = action.spec.parentActionName ?? '';
  if (afterOf(action.metadata).length > 0 || (rootWaits && parentName !== '')) return true;
  const parent = parentName !== '' ? run.get(parentName) : undefined;
  return parent !== undefined && isHeld(parent, run, rootWaits, seen);
}

/**
 * Decides, from the run as the cache sees it, whether an action that has not started may start:
 * - it waits until every action of its `kueue.dev/after` list succeeded (and, when the run's root sets
 *   `kueue.dev/children-wait-for-parent`, its parent too), in list order; an action not created yet is waited for;
 * - it ends without running as soon as one of them failed, was aborted, was itself not run, or was deleted;
 * - with a plain parent (Flyte's semantics) it runs while its parent runs, but not before a parent that ordering
 *   holds back has started, and not under a parent that already ended without succeeding.
 */
export function upstreamGate(action: TaskAction, run: RunView): UpstreamGate {
  if (hasStarted(action)) return GO;
  const self = action.spec.actionName;
  const upstreams: { name: string; relation: UpstreamRelation }[] = afterOf(action.metadata)
    .filter((name) => name !== self)
    .map((name) => ({ name, relation: 'after' }));
  let heldBy: string | undefined;
  const parent = action.spec.parentActionName;
  if (parent !== undefined && parent !== '') {
    const rootWaits = childrenWaitForParent(run.root()?.metadata);
    if (rootWaits) {
      if (!upstreams.some((u) => u.name === parent)) upstreams.push({ name: parent, relation: 'parent' });
    } else {
      const parentAction = run.get(parent);
      const outcome = upstreamOutcome(parent, run);
      // A plain child of a deleted parent goes with it (the garbage collector): only a finished parent ends it here.
      if (outcome.done === 'failed' && parentAction !== undefined) return { kind: 'skip', upstream: parent, relation: 'parent', outcome: outcome.outcome };
      if (parentAction !== undefined && isHeld(parentAction, run, rootWaits)) heldBy = parent;
    }
  }
  const waitingFor: string[] = [];
  for (const upstream of upstreams) {
    const outcome = upstreamOutcome(upstream.name, run);
    if (outcome.done === 'failed') return { kind: 'skip', upstream: upstream.name, relation: upstream.relation, outcome: outcome.outcome };
    if (outcome.done === 'no') waitingFor.push(upstream.name);
  }
  if (heldBy !== undefined && !waitingFor.includes(heldBy)) waitingFor.push(heldBy);
  return waitingFor.length > 0 ? { kind: 'wait', waitingFor } : GO;
}

/** `waiting for fetch, train`: the Queued message of a waiting action. */
export function waitingMessage(waitingFor: readonly string[]): string {
  return `waiting for ${waitingFor.join(', ')}`;
}

/** `upstream action "train" failed (PermanentFailure); this action was not run`. */
export function upstreamFailedMessage(gate: Extract<UpstreamGate, { kind: 'skip' }>): string {
  return `${gate.relation === 'parent' ? 'parent' : 'upstream'} action "${gate.upstream}" ${gate.outcome}; this action was not run`;
}
