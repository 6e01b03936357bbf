import { describe, expect, it } from 'vitest';
import { phaseRecord } from '../../../../shared/executor/phase-conditions.js';
import { type Pod } from '../../../../shared/kube/index.js';
import { InMemoryResourceManager } from '../../../../shared/plugins/in-memory-resource-manager.js';
import { Phase } from '../../../../shared/plugins/phase.js';
import { PodPlugin } from '../../../../shared/plugins/pod/pod-plugin.js';
import { setCondition } from '../../../../shared/task-action/condition.js';
import { containerTaskTemplate } from '../../../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../../../shared/task-action/pod-task.js';
import { stepProgressOf } from '../../../../shared/task-action/step-progress.js';
import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { roundFor, storedTaskAction } from '../../executor/task-action-fixture.js';
import { FakePods } from './fake-pods.js';

const sequential = podTaskTemplate({
  podSpec: {
    containers: ['fetch', 'train', 'publish'].map((name) => ({ name, image: 'busybox', command: ['sh', '-c', `echo ${name}`] })),
  },
  sequential: true,
});

async function round(plugin: PodPlugin, action: TaskAction, template: TaskTemplate, client: FakePods) {
  const r = roundFor(action, template, client);
  const transition = await plugin.handle(r.ctx);
  const state = r.state.newState();
  if (state.written) action.status = { ...action.status, pluginState: state.pluginState, pluginStateVersion: state.pluginStateVersion };
  return transition.info;
}

const terminated = { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:05Z' } };
const running = { running: { startedAt: '2026-01-01T00:00:05Z' } };

function onlyPod(client: FakePods): Pod {
  return [...client.pods.values()][0] as Pod;
}

describe('step progress of a sequential Pod', () => {
  it('records the running step as the Running phase\'s reason, which reads back from the Progressing condition', async () => {
    const client = new FakePods();
    const plugin = new PodPlugin('pod', new InMemoryResourceManager());
    const action = storedTaskAction(sequential);
    await round(plugin, action, sequential, client);
    const pod = onlyPod(client);
    expect(pod.metadata.annotations?.['norbjd.github.io/kueueleuleu']).toBe('true');
    pod.status = {
      phase: 'Running',
      containerStatuses: [
        { name: 'fetch', state: terminated },
        { name: 'publish', state: running },
        { name: 'train', state: running },
      ],
    };
    const info = await round(plugin, action, sequential, client);
    expect(info.phase).toBe(Phase.Running);
    expect(info.reason).toBe('step 2/3 running: train');

    let conditions = action.status?.conditions;
    for (const update of phaseRecord(info)?.conditions ?? []) conditions = setCondition(conditions, update);
    expect(stepProgressOf({ status: { conditions } })).toEqual({ step: 2, total: 3, name: 'train' });
  });

  it('says nothing of steps for a Pod that is not sequential, or not running yet', async () => {
    const client = new FakePods();
    const plugin = new PodPlugin('container', new InMemoryResourceManager());
    const template = containerTaskTemplate({ image: 'busybox' });
    const action = storedTaskAction(template);
    await round(plugin, action, template, client);
    onlyPod(client).status = { phase: 'Running' };
    expect((await round(plugin, action, template, client)).reason).toBe('');

    const seqClient = new FakePods();
    const seqAction = storedTaskAction(sequential);
    await round(plugin, seqAction, sequential, seqClient);
    onlyPod(seqClient).status = { phase: 'Pending' };
    expect((await round(plugin, seqAction, sequential, seqClient)).reason).not.toMatch(/^step/);
  });
});
