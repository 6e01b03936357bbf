import { containerTaskTemplate } from '../../../../shared/task-action/container-task.js';
import { type Condition } from '../../../../shared/task-action/condition.js';
import { buildTaskAction } from '../../../../shared/task-action/build-task-action.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';

export type Phase = 'pending' | 'queued' | 'running' | 'succeeded' | 'failed' | 'aborted' | 'retrying' | 'paused';

const T0 = Date.parse('2026-03-01T10:00:00Z');
export const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function condition(type: string, status: 'True' | 'False', reason: string, message: string, seconds: number): Condition {
  return { type, status, reason, message, lastTransitionTime: at(seconds) };
}

/** The status Flyte's executor writes for a phase: conditions and phase history, timestamps from T0. */
export function statusFor(phase: Phase): TaskAction['status'] {
  const queued = { phase: 'Queued', occurredAt: at(0) };
  const initializing = { phase: 'Initializing', occurredAt: at(1) };
  const executing = { phase: 'Executing', occurredAt: at(2), message: 'Pod is running' };
  switch (phase) {
    case 'pending':
      return undefined;
    case 'queued':
      return { conditions: [condition('Progressing', 'True', 'Queued', 'task submitted to K8s', 0)], phaseHistory: [queued] };
    case 'running':
      return { conditions: [condition('Progressing', 'True', 'Executing', 'TaskAction is executing', 2)], phaseHistory: [queued, initializing, executing] };
    case 'retrying':
      return {
        attempts: 2,
        conditions: [condition('Progressing', 'True', 'RetryableFailure', 'attempt 1 failed', 5)],
        phaseHistory: [queued, initializing, executing, { phase: 'RetryableFailure', occurredAt: at(5) }],
      };
    case 'succeeded':
      return {
        conditions: [
          condition('Progressing', 'False', 'Completed', 'TaskAction has completed', 42),
          condition('Succeeded', 'True', 'Completed', 'TaskAction completed successfully', 42),
        ],
        phaseHistory: [queued, initializing, executing, { phase: 'Completed', occurredAt: at(42) }],
      };
    case 'failed':
      return {
        errorState: { code: 'OOMKilled', kind: 'USER', message: 'container main was OOMKilled' },
        conditions: [
          condition('Progressing', 'False', 'PermanentFailure', 'failed', 30),
          condition('Failed', 'True', 'PermanentFailure', 'container main was OOMKilled', 30),
        ],
        phaseHistory: [queued, initializing, executing, { phase: 'PermanentFailure', occurredAt: at(30), message: 'container main was OOMKilled' }],
      };
    case 'paused':
      return {
        conditions: [condition('Progressing', 'True', 'Paused', 'waiting for a signal: ship it?', 1)],
        phaseHistory: [{ phase: 'Paused', occurredAt: at(1), message: 'waiting for a signal: ship it?' }],
      };
    case 'aborted':
      return {
        conditions: [condition('Failed', 'True', 'Aborted', 'aborted by the user', 10)],
        phaseHistory: [queued, { phase: 'Aborted', occurredAt: at(10) }],
      };
  }
}

/** A TaskAction as the API server returns it: built by the queue core, with uid, version, owner and a status. */
export function taskAction(
  actionName: string,
  options: { run?: string; parent?: TaskAction; phase?: Phase; rv?: string; created?: number; namespace?: string } = {},
): TaskAction {
  const parent = options.parent;
  const action = buildTaskAction(
    {
      org: 'acme',
      project: 'proj',
      domain: 'dev',
      runName: options.run ?? 'nightly',
      actionName,
      namespace: options.namespace ?? 'flyte',
      ...(parent !== undefined ? { parentActionName: parent.spec.actionName } : {}),
      taskTemplate: containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'], retries: 2 }),
    },
    parent !== undefined ? { name: parent.metadata.name ?? '', uid: parent.metadata.uid ?? '' } : undefined,
  );
  action.metadata.uid = `uid-${options.run ?? 'nightly'}-${actionName}`;
  action.metadata.resourceVersion = options.rv ?? '1';
  action.metadata.creationTimestamp = at(options.created ?? 0);
  const status = statusFor(options.phase ?? 'pending');
  if (status !== undefined) action.status = status;
  return action;
}

/** The same action with a new status and resource version, as a watch event delivers it. */
export function withPhase(action: TaskAction, phase: Phase, rv: string): TaskAction {
  const next: TaskAction = { ...action, metadata: { ...action.metadata, resourceVersion: rv } };
  const status = statusFor(phase);
  if (status === undefined) delete next.status;
  else next.status = status;
  return next;
}

/**
 * The action as Flyte's S3 CRD stores it: `attempts`, `systemFailures` and `errorState` pruned, kept by the
 * executor in `stateJson` instead (its phase summary plus the ledger).
 */
export function underFlyteS3Crd(action: TaskAction): TaskAction {
  if (action.status === undefined) return action;
  const { attempts, systemFailures, errorState, ...kept } = action.status;
  const stateJson = JSON.stringify({ phase: 'PhaseRunning', attempts, systemFailures, errorState });
  return { ...action, status: { ...kept, stateJson } };
}
