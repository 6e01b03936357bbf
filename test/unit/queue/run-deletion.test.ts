import { describe, expect, it } from 'vitest';
import { type KubeList, type KubeObject } from '../../../shared/kube/kube-object.js';
import { type ListOptions } from '../../../shared/kube/kube-client.js';
import { type ResourceType } from '../../../shared/kube/resource-type.js';
import { settleRunsBeingDeleted } from '../../../shared/queue/run-deletion.js';
import { TASKACTIONS } from '../../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { buildTaskAction } from '../../../shared/task-action/build-task-action.js';
import { type ActionDescription } from '../../../shared/task-action/action-description.js';
import { InMemoryKubeClient } from '../kube/in-memory-kube-client.js';

/** Records the options of every list, to see how the check reads. */
class ListRecorder extends InMemoryKubeClient {
  readonly lists: ListOptions[] = [];

  override list<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): Promise<KubeList<T>> {
    this.lists.push(options);
    return super.list<T>(type, namespace, options);
  }
}

const action: ActionDescription = { org: 'acme', project: 'proj', domain: 'dev', runName: 'r1', actionName: 'a0', taskTemplate: containerTaskTemplate({ image: 'busybox' }) };

describe('settleRunsBeingDeleted', () => {
  it('reads each run from the API server\'s watch cache in one request, not page by page from etcd', async () => {
    const client = new ListRecorder('flyte');
    await settleRunsBeingDeleted(client, [action, { ...action, actionName: 'a1', parentActionName: 'a0' }, { ...action, runName: 'r2' }], 'flyte', undefined, undefined);
    expect(client.lists).toHaveLength(2);
    for (const options of client.lists) {
      expect(options).toMatchObject({ resourceVersion: '0' });
      expect(options).not.toHaveProperty('limit');
    }
  });

  it('refuses a run whose earlier actions are still being deleted, naming how many are left', async () => {
    const client = new ListRecorder('flyte');
    const stored = buildTaskAction({ ...action, namespace: 'flyte' });
    stored.metadata.uid = 'old-root';
    stored.metadata.deletionTimestamp = '2026-12-04T03:00:00Z';
    stored.metadata.finalizers = ['flyte.org/plugin-finalizer'];
    client.seed(TASKACTIONS, stored);
    await expect(settleRunsBeingDeleted(client, [action], 'flyte', undefined, undefined)).rejects.toThrow('run r1 is still being deleted (1 actions left)');
  });
});
