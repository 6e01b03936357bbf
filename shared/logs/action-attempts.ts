import { type Pod } from '../kube/index.js';
import { ATTEMPT_LABEL } from '../plugins/index.js';
import { TASKACTION_KIND, type TaskAction } from '../task-action/index.js';

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
