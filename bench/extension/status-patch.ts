import { type KubeClient } from '../../shared/kube/kube-client.js';
import { formatKubeTime } from '../../shared/task-action/condition.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';

export type BenchPhase = 'Running' | 'Succeeded';

/**
 * Writes the status an executor writes when an action starts running or succeeds (conditions and phase history),
 * through the status subresource like the executor does: the change the tree must show.
 */
export function patchPhase(client: KubeClient, namespace: string, name: string, phase: BenchPhase, message: string): Promise<TaskAction> {
  const now = new Date();
  const time = formatKubeTime(now);
  const conditions =
    phase === 'Running'
      ? [{ type: 'Progressing', status: 'True', reason: 'Executing', message, lastTransitionTime: time }]
      : [
          { type: 'Progressing', status: 'False', reason: 'Completed', message: 'TaskAction has completed', lastTransitionTime: time },
          { type: 'Succeeded', status: 'True', reason: 'Completed', message, lastTransitionTime: time },
        ];
  const phaseHistory = [
    { phase: 'Queued', occurredAt: now.toISOString() },
    { phase: 'Executing', occurredAt: now.toISOString() },
    ...(phase === 'Succeeded' ? [{ phase: 'Completed', occurredAt: now.toISOString() }] : []),
  ];
  return client.patch<TaskAction>(TASKACTIONS, namespace, name, { status: { conditions, phaseHistory } }, 'merge', { subresource: 'status' });
}
