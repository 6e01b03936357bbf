import { type Pod } from '../kube/index.js';
import { ATTEMPT_LABEL } from '../plugins/index.js';
import { executionLedger, TASKACTION_KIND, type TaskAction } from '../task-action/index.js';

/** Flyte's newer executor labels its Pods with the attempt (from 1) under this plain key. */
const FLYTE_ATTEMPT_LABEL = 'attempt';

/** The attempt (from 1) a Pod ran, from its label; 1 for a Pod without one (Flyte's older executor runs one attempt). */
export function podAttempt(pod: Pod): number {
  const labels = pod.metadata.labels ?? {};
  const value = Number(labels[ATTEMPT_LABEL] ?? labels[FLYTE_ATTEMPT_LABEL]);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/** The action's own Pods (owned by this very TaskAction, not a namesake's) by attempt, oldest first. */
export function attemptPods(action: TaskAction, pods: readonly Pod[]): Pod[] {
  return pods
    .filter((pod) => (pod.metadata.ownerReferences ?? []).some((ref) => ref.kind === TASKACTION_KIND && ref.uid === action.metadata.uid))
    .sort((a, b) => podAttempt(a) - podAttempt(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
}

/** Why an attempt the action made has no Pod: the executor deletes older attempts' Pods (their logs with them). */
export const OLD_ATTEMPT_POD_DELETED = "deleted: the executor keeps only the latest attempts' Pods (executor --keep-attempt-pods)";

/**
 * The attempts the action made (by its ledger) that have no Pod left and are older than the oldest Pod there is:
 * those whose Pods the executor deleted to keep only the latest ones.
 */
export function attemptsWithoutPods(action: TaskAction, pods: readonly Pod[]): number[] {
  const oldestKept = pods.length > 0 ? Math.min(...pods.map(podAttempt)) : (executionLedger(action.status).attempts ?? 0);
  const result: number[] = [];
  for (let attempt = 1; attempt < oldestKept; attempt++) result.push(attempt);
  return result;
}
