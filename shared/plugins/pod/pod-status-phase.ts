import { type ContainerStateTerminated, type ContainerStatus, type Pod, type PodCondition } from '../../kube/index.js';
import { type PhaseInfo, phaseInfoFailureWithCleanup, phaseInfoInitializing, phaseInfoQueued, phaseInfoRetryableFailure, phaseInfoRetryableFailureWithCleanup, phaseInfoRunning, phaseInfoSuccess, phaseInfoSystemRetryableFailure, phaseInfoSystemRetryableFailureWithCleanup, phaseInfoWaitingForResourcesInfo } from '../index.js';
import { ConditionReason } from '../../task-action/index.js';
import { DEFAULT_IMAGE_PULL_GRACE_PERIOD_MS } from './pod-defaults.js';

/** The Queued reason of a Pod that was created and has not started; kept constant so waiting writes nothing. */
export const POD_SUBMITTED_REASON = 'task submitted to K8s';

/** `errorState.code` for a Pod that died with its node, or without saying why: not the task's fault. */
export const INTERRUPTED_CODE = 'Interrupted';

/** Pod failure reasons that mean the node went away rather than the task failed. */
const NODE_LOSS_REASONS = new Set(['Shutdown', 'Terminated', 'NodeShutdown', 'NodeLost']);

/** Waiting reasons of a container that is starting normally. */
const STARTING_REASONS = new Set(['ContainerCreating', 'PodInitializing']);
/** Waiting reasons that resolve by themselves often enough to deserve a grace period. */
const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff']);
const CREATE_REASONS = new Set(['CreateContainerError', 'CreateContainerConfigError']);

export interface PodPhaseOptions {
  /** The container whose end ends the task while others (sidecars) may still run; absent: the Pod's phase decides. */
  primaryContainerName?: string;
  imagePullGracePeriodMs?: number;
  now: Date;
}

export interface PodPhaseResult {
  info: PhaseInfo;
  /** Look again after this long even if the Pod does not change (a grace period is running out). */
  recheckAfterMs?: number;
}

function condition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

function allStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

function timeOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function graceText(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${ms}ms`;
}

/**
 * A Pending Pod: unschedulable is WaitingForResources (the scheduler keeps trying, so it is not a failure); a
 * container that cannot get its image fails the attempt after the grace period (at once for an invalid name);
 * containers being created are Initializing; anything else is still Queued.
 */
function pendingPhase(pod: Pod, options: PodPhaseOptions): PodPhaseResult {
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status === 'False') {
    const text = `${scheduled.reason ?? 'Unschedulable'}: ${scheduled.message ?? 'the Pod cannot be scheduled yet'}`;
    if (scheduled.reason === 'Unschedulable') {
      return { info: phaseInfoWaitingForResourcesInfo(options.now, 0, text, { occurredAt: options.now }) };
    }
    return { info: phaseInfoQueued(options.now, 0, text) };
  }

  const grace = options.imagePullGracePeriodMs ?? DEFAULT_IMAGE_PULL_GRACE_PERIOD_MS;
  // When the containers stopped being ready: the kubelet's clock, the best estimate of when trouble began.
  const since =
    timeOf(condition(pod, 'Ready')?.lastTransitionTime) ?? timeOf(pod.status?.startTime) ?? timeOf(pod.metadata.creationTimestamp) ?? options.now.getTime();
  for (const container of allStatuses(pod)) {
    const waiting = container.state?.waiting;
    if (container.ready === true || waiting?.reason === undefined) continue;
    const reason = waiting.reason;
    const message = `container "${container.name}": ${waiting.message ?? reason}`;
    if (STARTING_REASONS.has(reason)) {
      return { info: phaseInfoInitializing(options.now, 0, `[${reason}] ${message}`, { occurredAt: options.now }) };
    }
    if (reason === 'InvalidImageName') return { info: phaseInfoFailureWithCleanup(reason, message, { occurredAt: options.now }) };
    if (PULL_REASONS.has(reason) || CREATE_REASONS.has(reason)) {
      const elapsed = options.now.getTime() - since;
      if (elapsed >= grace) {
        const text = grace > 0 ? `${message} (still failing after the ${graceText(grace)} grace period)` : message;
        const info = PULL_REASONS.has(reason)
          ? phaseInfoRetryableFailureWithCleanup(reason, text, { occurredAt: options.now })
          : phaseInfoFailureWithCleanup(reason, text, { occurredAt: options.now });
        return { info };
      }
      return {
        info: phaseInfoInitializing(options.now, 0, `[${reason}] ${message}`, { occurredAt: options.now }),
        recheckAfterMs: grace - elapsed,
      };
    }
    // A waiting reason Flyte does not know either: the container will not start by itself.
    return { info: phaseInfoSystemRetryableFailureWithCleanup(reason, message, { occurredAt: options.now }) };
  }
  return { info: phaseInfoQueued(options.now, 0, POD_SUBMITTED_REASON) };
}

function terminatedState(status: ContainerStatus): ContainerStateTerminated | undefined {
  return status.state?.terminated ?? status.lastState?.terminated;
}

function describeTermination(name: string, state: ContainerStateTerminated): string {
  const reason = state.reason !== undefined && state.reason !== '' ? ` (reason: ${state.reason})` : '';
  const detail = state.message !== undefined && state.message.trim() !== '' ? `: ${state.message.trim()}` : '';
  return `[${name}] terminated with exit code ${state.exitCode}${reason}${detail}`;
}

/**
 * A failed Pod. The code names the cause where one is known (OOMKilled first, then the Pod's reason such as
 * DeadlineExceeded or Evicted, then the failing container's reason); the message keeps every failing container's
 * exit code. A Pod lost with its node, or failed without any container having terminated, is a SYSTEM failure:
 * retrying it does not use up the task's retries.
 */
export function failedPodPhase(pod: Pod, now: Date): PhaseInfo {
  const podReason = pod.status?.reason ?? '';
  const lines: string[] = [];
  if (pod.status?.message !== undefined && pod.status.message !== '') lines.push(pod.status.message);
  let oomKilled = false;
  let firstReason: string | undefined;
  let sawTermination = false;
  for (const status of allStatuses(pod)) {
    const state = terminatedState(status);
    if (state === undefined) continue;
    sawTermination = true;
    if (state.exitCode === 0) continue;
    if (state.reason?.includes('OOMKilled')) oomKilled = true;
    firstReason ??= state.reason;
    lines.push(describeTermination(status.name, state));
  }
  const message = lines.length > 0 ? lines.join('\n') : `Pod ${pod.metadata.name ?? ''} failed without a reason from Kubernetes`;
  if (NODE_LOSS_REASONS.has(podReason) || (!sawTermination && podReason === '')) {
    return phaseInfoSystemRetryableFailure(INTERRUPTED_CODE, message, { occurredAt: now });
  }
  if (podReason === DEADLINE_EXCEEDED) {
    // The kubelet enforced the template's timeout (activeDeadlineSeconds) before the executor's own deadline: the
    // same outcome, so the same code and reason as a timeout the executor enforces.
    return phaseInfoRetryableFailure(TIMEOUT_CODE, message, { occurredAt: now, conditionReason: ConditionReason.Timeout });
  }
  const code = oomKilled ? 'OOMKilled' : podReason !== '' ? podReason : firstReason !== undefined && firstReason !== '' ? firstReason : 'Error';
  return phaseInfoRetryableFailure(code, message, { occurredAt: now });
}

/** The Pod reason the kubelet gives when `activeDeadlineSeconds` ran out. */
const DEADLINE_EXCEEDED = 'DeadlineExceeded';
/** `errorState.code` of an attempt that ran longer than its timeout, as the executor records its own timeouts. */
const TIMEOUT_CODE = 'Timeout';

/** A running Pod whose primary container ended: the task is over even if sidecars still run. */
function primaryContainerPhase(pod: Pod, primary: string, now: Date): PhaseInfo | undefined {
  const status = pod.status?.containerStatuses?.find((c) => c.name === primary);
  const state = status?.state?.terminated;
  if (status === undefined || state === undefined) return undefined;
  if (state.exitCode === 0) return phaseInfoSuccess({ occurredAt: now });
  const code = state.reason?.includes('OOMKilled') ? 'OOMKilled' : state.reason !== undefined && state.reason !== '' ? state.reason : 'Error';
  return phaseInfoRetryableFailure(code, describeTermination(status.name, state), { occurredAt: now });
}

/** The plugin phase of a Pod, as Flyte's pod plugin reads it, with the improvements listed on each case. */
export function podPhase(pod: Pod, options: PodPhaseOptions): PodPhaseResult {
  const now = options.now;
  switch (pod.status?.phase) {
    case 'Succeeded':
      return { info: phaseInfoSuccess({ occurredAt: now }) };
    case 'Failed':
      return { info: failedPodPhase(pod, now) };
    case 'Running': {
      if (options.primaryContainerName !== undefined) {
        const ended = primaryContainerPhase(pod, options.primaryContainerName, now);
        if (ended !== undefined) return { info: ended };
      }
      return { info: phaseInfoRunning(0, { occurredAt: now }) };
    }
    case 'Unknown':
      return { info: phaseInfoRunning(0, { occurredAt: now }).withReason('the Pod\'s node stopped reporting its state') };
    default:
      return pendingPhase(pod, options);
  }
}
