import { hasSequentialAnnotation, runningStep } from '../../convert/index.js';
import { type Pod } from '../../kube/index.js';
import { stepProgressMessage } from '../../task-action/index.js';

/**
 * `step 2/3 running: train` for a running sequential Pod (the step `kubectl kueue status` names), recorded as the
 * Running phase's reason so it reaches the Progressing condition's message; undefined for any other Pod. The
 * message changes only when a step ends, which is a Pod change the executor is woken by anyway.
 */
export function stepProgressReason(pod: Pod): string | undefined {
  if (pod.status?.phase !== 'Running' || !hasSequentialAnnotation(pod.metadata)) return undefined;
  const report = runningStep(pod);
  if (report.running === undefined) return undefined;
  const index = report.steps.findIndex((step) => step.name === report.running);
  return index < 0 ? undefined : stepProgressMessage({ step: index + 1, total: report.total, name: report.running });
}
