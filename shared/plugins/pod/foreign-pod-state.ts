import { errorMessage } from '../../errors/index.js';
import { type Pod } from '../../kube/index.js';
import { decodeFlytePluginState, describeFlytePluginState, FlytePluginPhase, PluginStateDecodeError, type TaskExecutionContext } from '../index.js';

/** What the pod plugin keeps between rounds: which Pod runs the attempt. */
export interface PodPluginState {
  podName: string;
}

/** The stored state: ours (JSON, maybe empty), or another executor's, which we describe but cannot resume from. */
export type StoredPodState = { kind: 'ours'; podName?: string } | { kind: 'foreign'; description: string };

/** Reads the stored state; Flyte's gob is decoded so that Events can say what Flyte's executor had done. */
export function readPodState(ctx: TaskExecutionContext): StoredPodState {
  try {
    const podName = ctx.pluginStateReader.get<Partial<PodPluginState>>().value?.podName;
    return typeof podName === 'string' && podName !== '' ? { kind: 'ours', podName } : { kind: 'ours' };
  } catch (err) {
    if (!(err instanceof PluginStateDecodeError)) throw err;
  }
  const bytes = ctx.pluginStateReader.getRaw().bytes ?? new Uint8Array();
  try {
    const flyte = decodeFlytePluginState(bytes);
    const what = flyte.phase === FlytePluginPhase.Started ? 'Flyte\'s executor started this attempt' : 'Flyte\'s executor had not started this attempt';
    return { kind: 'foreign', description: `${what} (its plugin state: ${describeFlytePluginState(flyte)})` };
  } catch (err) {
    return { kind: 'foreign', description: `the plugin state is neither ours nor Flyte's (${errorMessage(err)})` };
  }
}

/**
 * Names another executor gives the attempt's Pod: Flyte's S3 executor names it exactly after the TaskAction, its
 * current one `<TaskAction>-<attempt - 1>`.
 */
export function flytePodNames(taskActionName: string, attempt: number): string[] {
  return [taskActionName, `${taskActionName}-${attempt - 1}`];
}

/** The Pod belongs to this very TaskAction (Flyte's S3 executor does not mark its owner reference as controller). */
export function ownedByAction(pod: Pod, uid: string | undefined): boolean {
  return uid !== undefined && (pod.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'TaskAction' && ref.uid === uid);
}

export type TakeOverDecision = { kind: 'adopt'; pod: Pod } | { kind: 'restart'; why: string };

/**
 * With state we cannot resume from, the existing Pods decide: the first one of this TaskAction that is not being
 * deleted runs the attempt and is followed; without one, the attempt starts over with a Pod of ours. A namesake
 * owned by another TaskAction (an earlier one of the same name) is never adopted.
 */
export function takeOverDecision(candidates: readonly (Pod | undefined)[], uid: string | undefined, attempt: number): TakeOverDecision {
  const found = candidates.filter((pod): pod is Pod => pod !== undefined);
  const adoptable = found.find((pod) => ownedByAction(pod, uid) && pod.metadata.deletionTimestamp === undefined);
  if (adoptable !== undefined) return { kind: 'adopt', pod: adoptable };
  if (found.some((pod) => ownedByAction(pod, uid))) return { kind: 'restart', why: `the Pod of attempt ${attempt} is being deleted` };
  return { kind: 'restart', why: `no Pod of attempt ${attempt} exists` };
}
