import { type JsonObject, isPlainObject } from './json-value.js';
import { PREPARE_CONTAINER_NAME } from './sequential-constants.js';
import { hasSequentialAnnotation } from './sequential-marker.js';

/** `pending` means the kubelet has not reported the container yet. */
export type StepState = 'pending' | 'waiting' | 'running' | 'terminated';

export interface StepInfo {
  name: string;
  /**
   * User init containers run first, one after the other, and count as steps (as upstream counts them).
   * Native sidecars (init containers with `restartPolicy: Always`) run beside the steps and are not steps.
   */
  type: 'init' | 'container' | 'sidecar';
  state: StepState;
  /** Waiting or terminated reason: `ContainerCreating`, `Completed`, `Error`, ... */
  reason?: string;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  restartCount?: number;
  /**
   * The exit code of a step that failed but was marked `onError: continue`: its container ends with 0 (so
   * the next step runs) and the entrypoint reports the real code in the termination message.
   */
  continuedAfterExitCode?: number;
}

/** Why there is no running step, one per error of upstream's `GetRunningContainerName`. */
export type NoRunningStep = 'not-sequential' | 'succeeded' | 'failed' | 'not-running' | 'all-finished';

export interface RunningStepReport {
  /** The running step's name, as `GetRunningContainerName` returns it; undefined when it returns an error. */
  running: string | undefined;
  /** Set exactly when `running` is not. */
  noRunningStep: NoRunningStep | undefined;
  /** Upstream's error text, verbatim: `not a kueueleuleu pod`, `pod is succeeded`, `pod is failed`,
   * `pod is not running: got phase X`, `all containers are finished`. */
  message: string | undefined;
  phase: string | undefined;
  /** Every step in spec order (user init containers, then containers), without the prepare container. */
  steps: StepInfo[];
  /** Native sidecars, in spec order: they run beside the steps, so they are neither counted nor running. */
  sidecars: StepInfo[];
  /** Steps terminated with a finish time (upstream's notion of finished), whatever their exit code. */
  done: number;
  total: number;
  /**
   * The first step, in spec order, that terminated with a non-zero exit code. When a step fails, the
   * entrypoint of every later step exits 1 without running (the `.err` cascade), so this is the one to look at.
   */
  failed: StepInfo | undefined;
}

/**
 * Which step of a sequential Pod runs now: the original tool's `GetRunningContainerName` with its order of
 * checks and messages, plus per-step details for a status view.
 */
export function runningStep(pod: unknown): RunningStepReport {
  const object = isPlainObject(pod) ? pod : {};
  const spec = asObject(object['spec']);
  const status = asObject(object['status']);
  const phase = typeof status['phase'] === 'string' ? status['phase'] : undefined;
  const initStatuses = statusList(status['initContainerStatuses']);
  const containerStatuses = statusList(status['containerStatuses']);
  const initContainers = statusList(spec['initContainers']);
  const sidecarNames = new Set(initContainers.filter(isNativeSidecar).map(nameOf));
  const specInit = initContainers.map(nameOf);
  const specContainers = namesOf(spec['containers']);

  const steps = [
    ...specInit.filter((n) => n !== PREPARE_CONTAINER_NAME && !sidecarNames.has(n)).map((name) => stepInfo(name, 'init', initStatuses)),
    ...specContainers.filter((n) => n !== PREPARE_CONTAINER_NAME).map((name) => stepInfo(name, 'container', containerStatuses)),
  ];
  const base = {
    phase,
    steps,
    sidecars: [...sidecarNames].map((name) => stepInfo(name, 'sidecar', initStatuses)),
    done: steps.filter((s) => s.state === 'terminated' && s.finishedAt !== undefined).length,
    total: steps.length,
    failed: steps.find((s) => s.state === 'terminated' && s.exitCode !== undefined && s.exitCode !== 0),
  };
  const none = (noRunningStep: NoRunningStep, message: string): RunningStepReport => ({
    ...base,
    running: undefined,
    noRunningStep,
    message,
  });

  if (!hasSequentialAnnotation(object['metadata'])) return none('not-sequential', 'not a kueueleuleu pod');
  switch (phase) {
    case 'Running':
    case 'Pending':
      break;
    case 'Succeeded':
      return none('succeeded', 'pod is succeeded');
    case 'Failed':
      return none('failed', 'pod is failed');
    default:
      return none('not-running', `pod is not running: got phase ${phase ?? ''}`);
  }

  // Upstream sorts the statuses by the position of their name among init containers then containers
  // (names it does not know sort as position 0), then walks init statuses before container statuses.
  const order = new Map<string, number>();
  [...specInit, ...specContainers].forEach((name, index) => {
    if (!order.has(name)) order.set(name, index);
  });
  const byOrder = (a: JsonObject, b: JsonObject): number => (order.get(nameOf(a)) ?? 0) - (order.get(nameOf(b)) ?? 0);
  for (const containerStatus of [...[...initStatuses].sort(byOrder), ...[...containerStatuses].sort(byOrder)]) {
    const name = nameOf(containerStatus);
    // A sidecar runs until the Pod ends; upstream, unaware of them, would call it the running step.
    if (name === PREPARE_CONTAINER_NAME || sidecarNames.has(name)) continue;
    const terminated = asObject(containerStatus['state'])['terminated'];
    if (!isPlainObject(terminated) || !isSet(terminated['finishedAt'])) {
      return { ...base, running: name, noRunningStep: undefined, message: undefined };
    }
  }
  return none('all-finished', 'all containers are finished');
}

function stepInfo(name: string, type: StepInfo['type'], statuses: JsonObject[]): StepInfo {
  const containerStatus = statuses.find((s) => nameOf(s) === name);
  if (containerStatus === undefined) return { name, type, state: 'pending' };
  const state = asObject(containerStatus['state']);
  const info: StepInfo = { name, type, state: 'pending' };
  if (typeof containerStatus['restartCount'] === 'number') info.restartCount = containerStatus['restartCount'];
  if (isPlainObject(state['terminated'])) {
    const terminated = state['terminated'];
    info.state = 'terminated';
    if (typeof terminated['exitCode'] === 'number') info.exitCode = terminated['exitCode'];
    if (typeof terminated['reason'] === 'string') info.reason = terminated['reason'];
    const continued = continuedExitCode(terminated['message']);
    if (continued !== undefined) info.continuedAfterExitCode = continued;
    const startedAt = timeOf(terminated['startedAt']);
    const finishedAt = timeOf(terminated['finishedAt']);
    if (startedAt !== undefined) info.startedAt = startedAt;
    if (finishedAt !== undefined) info.finishedAt = finishedAt;
  } else if (isPlainObject(state['running'])) {
    info.state = 'running';
    const startedAt = timeOf(state['running']['startedAt']);
    if (startedAt !== undefined) info.startedAt = startedAt;
  } else if (isPlainObject(state['waiting'])) {
    info.state = 'waiting';
    if (typeof state['waiting']['reason'] === 'string') info.reason = state['waiting']['reason'];
  }
  return info;
}

/**
 * The entrypoint's termination message is a JSON list of results; with `-on_error continue` a failed command
 * adds `{"key": "ExitCode", "value": "<code>"}` and the container itself exits 0.
 */
function continuedExitCode(message: unknown): number | undefined {
  if (typeof message !== 'string' || !message.startsWith('[')) return undefined;
  let results: unknown;
  try {
    results = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!Array.isArray(results)) return undefined;
  const entry = results.find((r): r is JsonObject => isPlainObject(r) && r['key'] === 'ExitCode');
  const code = Number(entry?.['value']);
  return entry !== undefined && Number.isInteger(code) && code !== 0 ? code : undefined;
}

/** Kubernetes >= 1.29: an init container that keeps running beside the containers. */
export function isNativeSidecar(initContainer: JsonObject): boolean {
  return initContainer['restartPolicy'] === 'Always';
}

function asObject(value: unknown): JsonObject {
  return isPlainObject(value) ? value : {};
}

function statusList(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function namesOf(value: unknown): string[] {
  return statusList(value).map(nameOf);
}

function nameOf(container: JsonObject): string {
  return typeof container['name'] === 'string' ? container['name'] : '';
}

function timeOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A Kubernetes time is unset when absent, null or empty (Go's zero `metav1.Time` serialises as null). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
