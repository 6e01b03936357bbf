import { CONDITION_PROGRESSING, ConditionReason, findCondition } from './condition.js';
import { type TaskAction } from './types.js';

/** Which step of a sequential Pod runs: `step 2/3 running: train`. */
export interface StepProgress {
  /** From 1, in step order (user init containers, then containers). */
  step: number;
  total: number;
  name: string;
}

/**
 * The Progressing message the pod plugin records while a sequential Pod runs. Conditions are the one place every
 * CRD (ours, Flyte's S3 and HEAD) keeps, so readers learn the step from the TaskAction they already watch instead
 * of fetching the Pod.
 */
export function stepProgressMessage(progress: StepProgress): string {
  return `step ${progress.step}/${progress.total} running: ${progress.name}`;
}

const STEP_MESSAGE = /^step (\d+)\/(\d+) running: (.+)$/;

/** The running step of an action whose sequential Pod runs, as its Progressing condition says; else undefined. */
export function stepProgressOf(action: Pick<TaskAction, 'status'>): StepProgress | undefined {
  const progressing = findCondition(action.status?.conditions, CONDITION_PROGRESSING);
  if (progressing?.status !== 'True' || progressing.reason !== ConditionReason.Executing) return undefined;
  const match = STEP_MESSAGE.exec(progressing.message);
  if (match === null) return undefined;
  const step = Number(match[1]);
  const total = Number(match[2]);
  return step >= 1 && step <= total ? { step, total, name: match[3] as string } : undefined;
}
