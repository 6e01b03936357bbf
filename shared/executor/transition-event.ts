import { ConditionReason, type DisplayPhase, displayPhase, type PhaseTransition, type TaskAction, withExecutionLedger } from '../task-action/index.js';
import { type EventType } from './event-recorder.js';

/** One step of an action's phase timeline, as the engine reports it to its host (one CLI line each). */
export interface TransitionEvent {
  namespace: string;
  /** The TaskAction's name. */
  name: string;
  runName: string;
  actionName: string;
  /** The attempt the phase belongs to, from 1. */
  attempt: number;
  /** The `phaseHistory` name: `Queued`, `Initializing`, `Executing`, `Completed`, `RetryableFailure`, ... */
  phase: string;
  previousPhase?: string;
  /** The plugin phase behind it, e.g. `PhaseRunning`; absent when no plugin ran (InvalidSpec, PluginNotFound). */
  pluginPhase?: string;
  /** What tables and trees show for the action now. */
  displayPhase: DisplayPhase;
  message: string;
  occurredAt: Date;
  /** `errorState.code` of a failure. */
  errorCode?: string;
}

export function transitionEvent(action: TaskAction, entry: PhaseTransition, previous: PhaseTransition | undefined, attempt: number): TransitionEvent {
  const status = withExecutionLedger(action.status) ?? {};
  const event: TransitionEvent = {
    namespace: action.metadata.namespace ?? '',
    name: action.metadata.name ?? '',
    runName: action.spec.runName,
    actionName: action.spec.actionName,
    attempt,
    phase: entry.phase,
    displayPhase: displayPhase(action),
    message: entry.message ?? '',
    occurredAt: new Date(entry.occurredAt),
  };
  if (previous !== undefined) event.previousPhase = previous.phase;
  if (status.pluginPhase !== undefined && entry.phase !== ConditionReason.InvalidSpec && entry.phase !== ConditionReason.PluginNotFound) {
    event.pluginPhase = status.pluginPhase;
  }
  const failed = entry.phase === ConditionReason.PermanentFailure || entry.phase === ConditionReason.RetryableFailure;
  if (failed && status.errorState?.code !== undefined) event.errorCode = status.errorState.code;
  return event;
}

/**
 * The Kubernetes Event worth recording for a phase entry, if any: starts, ends and failures. Waiting phases are
 * left out; they change often and say little that the conditions do not.
 */
export function kubernetesEventFor(phase: string): { type: EventType; reason: string } | undefined {
  switch (phase) {
    case ConditionReason.Executing:
      return { type: 'Normal', reason: 'Started' };
    case ConditionReason.Completed:
      return { type: 'Normal', reason: 'Succeeded' };
    case ConditionReason.RetryableFailure:
      return { type: 'Warning', reason: 'Retrying' };
    case ConditionReason.PermanentFailure:
      return { type: 'Warning', reason: 'Failed' };
    case ConditionReason.Aborted:
      return { type: 'Warning', reason: 'Aborted' };
    case ConditionReason.InvalidSpec:
      return { type: 'Warning', reason: 'FailedValidation' };
    case ConditionReason.PluginNotFound:
      return { type: 'Warning', reason: 'FailedPluginResolve' };
    case ConditionReason.UpstreamFailed:
      return { type: 'Warning', reason: 'UpstreamFailed' };
    default:
      return undefined;
  }
}
