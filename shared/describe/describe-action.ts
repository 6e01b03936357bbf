import { type KubeClient } from '../kube/index.js';
import { attemptPods, attemptsWithoutPods } from '../logs/index.js';
import { listActionPods } from '../plugins/pod/index.js';
import { afterOf, CONDITION_FAILED, displayPhase, executionLedger, findCondition, isTerminal, nextAttemptAt, stepProgressMessage, stepProgressOf, type TaskAction, TASKACTION_KIND, waitingReason } from '../task-action/index.js';
import { type ActionDetails } from './action-details.js';
import { attemptDetails, deletedAttemptDetails } from './attempt-details.js';
import { objectEvents } from './object-events.js';
import { taskDetails } from './task-details.js';

/**
 * The error of the last failed attempt: Flyte's errorState when written (in `status`, or in `stateJson` under a CRD
 * that prunes it), else the Failed condition's message.
 */
export function lastError(action: TaskAction): string | undefined {
  const state = executionLedger(action.status).errorState;
  if (state?.message) return state.code ? `[${state.code}] ${state.message}` : state.message;
  const failed = findCondition(action.status?.conditions, CONDITION_FAILED);
  return failed?.status === 'True' && failed.message !== '' ? failed.message : undefined;
}

/** When the action's next attempt starts, while it waits out the retry backoff (not once it ended). */
function waitingAttemptAt(action: TaskAction): Date | undefined {
  if (isTerminal(action) || action.metadata.deletionTimestamp !== undefined) return undefined;
  return nextAttemptAt(action.status);
}

/** `describe RUN ACTION`: the action, its task, its history, every attempt's Pod and the Events of all of them. */
export async function describeAction(client: KubeClient, action: TaskAction): Promise<ActionDetails> {
  const namespace = action.metadata.namespace ?? client.namespace;
  const pods = attemptPods(action, await listActionPods(client, action));
  const owners = [
    { kind: TASKACTION_KIND, name: action.metadata.name ?? '', uid: action.metadata.uid ?? '' },
    ...pods.map((pod) => ({ kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' })),
  ];
  const events = (await Promise.all(owners.map((owner) => objectEvents(client, namespace, owner)))).flat();
  const details: ActionDetails = {
    name: action.metadata.name ?? '',
    namespace,
    run: action.spec.runName,
    action: action.spec.actionName,
    phase: displayPhase(action),
    after: afterOf(action.metadata),
    task: taskDetails(action),
    conditions: action.status?.conditions ?? [],
    phaseHistory: action.status?.phaseHistory ?? [],
    attempts: [...attemptsWithoutPods(action, pods).map(deletedAttemptDetails), ...pods.map(attemptDetails)],
    events: events.sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? '')),
  };
  if (action.spec.parentActionName) details.parent = action.spec.parentActionName;
  const nextAt = waitingAttemptAt(action);
  if (nextAt !== undefined) details.nextAttempt = { attempt: executionLedger(action.status).attempts ?? 1, at: nextAt.toISOString() };
  const error = lastError(action);
  if (error !== undefined) details.lastError = error;
  const waiting = waitingReason(action);
  if (waiting !== undefined) details.waiting = `${waiting.summary}: ${waiting.detail}`;
  const step = stepProgressOf(action);
  if (step !== undefined) details.step = stepProgressMessage(step);
  return details;
}
