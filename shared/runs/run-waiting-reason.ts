import { displayPhase, type TaskAction, WAITING_KIND_ORDER, type WaitingReason, waitingReason } from '../task-action/index.js';

/** The one waiting reason a run shows, and the action it belongs to. */
export interface RunWaitingReason {
  actionName: string;
  reason: WaitingReason;
  /** `waiting: image pull (fetch)`, `waiting for train (publish)`. */
  summary: string;
}

const ACTIVE_PHASES = new Set(['Initializing', 'Running', 'Paused']);

/**
 * Why a run does not move on, from its actions (in the order they are shown, which breaks ties): the most urgent
 * reason of any action (`WAITING_KIND_ORDER`). Waiting for other actions is how a run normally goes, so it is the
 * run's reason only while nothing of the run is active; undefined when nothing waits for a reason worth naming.
 */
export function runWaitingReason(actions: readonly TaskAction[]): RunWaitingReason | undefined {
  let best: { action: TaskAction; reason: WaitingReason; rank: number } | undefined;
  let active = false;
  for (const action of actions) {
    const reason = waitingReason(action);
    if (reason === undefined) {
      if (ACTIVE_PHASES.has(displayPhase(action))) active = true;
      continue;
    }
    const rank = WAITING_KIND_ORDER.indexOf(reason.kind);
    if (best === undefined || rank < best.rank) best = { action, reason, rank };
  }
  if (best === undefined || (best.reason.kind === 'after' && active)) return undefined;
  const actionName = best.action.spec.actionName;
  return { actionName, reason: best.reason, summary: `${best.reason.summary} (${actionName})` };
}
