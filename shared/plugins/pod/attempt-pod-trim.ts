import { errorMessage, isKubeApiError } from '../../errors/index.js';
import { type Pod, PODS } from '../../kube/index.js';
import { type TaskExecutionContext } from '../index.js';
import { ownedByAction } from './foreign-pod-state.js';

/**
 * The newest attempt whose Pod goes when attempt `attempt` has a Pod and the last `keep` attempts' Pods are kept
 * (the current one among them); 0 when every Pod stays.
 */
export function newestTrimmedAttempt(attempt: number, keep: number): number {
  return Math.max(0, attempt - Math.max(1, keep));
}

/** Whether an earlier attempt's Pod (read by its name) is one to delete: there, this action's, not going already. */
export function isTrimmable(pod: Pod | undefined, actionUid: string | undefined): pod is Pod {
  return pod !== undefined && ownedByAction(pod, actionUid) && pod.metadata.deletionTimestamp === undefined;
}

/**
 * Deletes the Pods of attempts older than the last `keep`, newest first, and stops at the first attempt without
 * one: trimming always leaves the older ones gone, so a gap means the rest was trimmed before. Best effort: a
 * failure is logged and the next attempt's Pod tries again; it never fails the attempt that runs.
 */
export async function trimAttemptPods(ctx: TaskExecutionContext, keep: number): Promise<string[]> {
  const deleted: string[] = [];
  const uid = ctx.taskAction.metadata.uid;
  for (let attempt = newestTrimmedAttempt(ctx.metadata.attempt, keep); attempt >= 1; attempt--) {
    const name = ctx.metadata.generatedNameOf(attempt);
    try {
      const pod = await readPod(ctx, name);
      if (!isTrimmable(pod, uid)) {
        if (pod === undefined) break;
        continue;
      }
      await ctx.kubeClient.delete(PODS, ctx.metadata.namespace, name, {
        propagationPolicy: 'Background',
        // Exactly the Pod we looked at, never a namesake created since.
        ...(pod.metadata.uid !== undefined ? { preconditions: { uid: pod.metadata.uid } } : {}),
      });
      deleted.push(name);
    } catch (err) {
      if (isKubeApiError(err) && (err.code === 404 || err.code === 409)) continue;
      ctx.logger.warn('could not delete an earlier attempt\'s Pod', { pod: name, attempt, error: errorMessage(err) });
      break;
    }
  }
  if (deleted.length > 0) ctx.logger.debug('deleted earlier attempts\' Pods', { pods: deleted, keep });
  return deleted;
}

async function readPod(ctx: TaskExecutionContext, name: string): Promise<Pod | undefined> {
  try {
    return await ctx.kubeClient.get<Pod>(PODS, ctx.metadata.namespace, name);
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) return undefined;
    throw err;
  }
}
