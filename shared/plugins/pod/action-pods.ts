import { type KubeClient, type Pod, PODS } from '../../kube/index.js';
import { actionLabelSelector, type TaskAction, TASKACTION_KIND } from '../../task-action/index.js';
import { ATTEMPT_LABEL } from '../index.js';

function attemptOf(pod: Pod): number {
  const value = Number(pod.metadata.labels?.[ATTEMPT_LABEL]);
  return Number.isInteger(value) ? value : 0;
}

/**
 * The Pods that ran a TaskAction's attempts, oldest attempt first. Found by the action's labels (every executor
 * copies them to its Pods) and kept only when owned by this very TaskAction, so a namesake from an earlier run
 * with the same names never shows up.
 */
export async function listActionPods(client: KubeClient, action: TaskAction): Promise<Pod[]> {
  const namespace = action.metadata.namespace ?? client.namespace;
  const spec = action.spec;
  const selector = actionLabelSelector({ org: spec.org, project: spec.project, domain: spec.domain, runName: spec.runName }, spec.actionName);
  const pods = (await client.list<Pod>(PODS, namespace, { labelSelector: selector })).items;
  return pods
    .filter((pod) => (pod.metadata.ownerReferences ?? []).some((ref) => ref.kind === TASKACTION_KIND && ref.uid === action.metadata.uid))
    .sort((a, b) => attemptOf(a) - attemptOf(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
}
