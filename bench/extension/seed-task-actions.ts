import { type KubeClient } from '../../shared/kube/kube-client.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';

export const BENCH_SCOPE = { org: 'bench', project: 'tree', domain: 'dev' };

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

export function runName(index: number): string {
  return `run-${String(index).padStart(3, '0')}`;
}

/**
 * Fills a namespace with `runs` runs of `perRun` actions each (a root and its children), through the queue
 * core as `kubectl kueue enqueue` does, `parallel` runs at a time. Nothing executes them: their status is
 * written by the benchmark itself.
 */
export async function seedTaskActions(client: KubeClient, namespace: string, runs: number, perRun: number, parallel = 12): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < runs) {
      const index = next++;
      const run = runName(index);
      const actions: ActionDescription[] = [{ ...BENCH_SCOPE, runName: run, actionName: 'a0', taskTemplate: template }];
      for (let i = 1; i < perRun; i++) actions.push({ ...BENCH_SCOPE, runName: run, actionName: `step-${i}`, parentActionName: 'a0', taskTemplate: template });
      await enqueueActions(client, actions, { namespace, concurrency: 9 });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
