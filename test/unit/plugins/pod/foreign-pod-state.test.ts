import { describe, expect, it } from 'vitest';
import { type Pod, type PodPhase } from '../../../../shared/kube/pod.js';
import { InMemoryResourceManager } from '../../../../shared/plugins/in-memory-resource-manager.js';
import { Phase } from '../../../../shared/plugins/phase.js';
import { flytePodNames, takeOverDecision } from '../../../../shared/plugins/pod/foreign-pod-state.js';
import { PodPlugin } from '../../../../shared/plugins/pod/pod-plugin.js';
import { containerTaskTemplate } from '../../../../shared/task-action/container-task.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { S3_LAUNCHED_STATE as S3_LAUNCHED } from '../../../helpers/flyte-plugin-state-blobs.js';
import { roundFor, storedTaskAction } from '../../executor/task-action-fixture.js';
import { FakePods } from './fake-pods.js';

/** A Pod as Flyte's S3 executor makes it: named as the TaskAction, owner reference without controller. */
function flytePod(name: string, uid: string, phase: PodPhase, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name, uid: `pod-${name}`, ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'x', uid }], ...extra },
    spec: { containers: [{ name, image: 'busybox' }] },
    status: { phase },
  };
}

const template = containerTaskTemplate({ image: 'busybox' });
const ACTION = 'acme-proj-dev-r1-a0';

function withState(pluginState: string, attempts?: number): TaskAction {
  const action = storedTaskAction(template);
  action.status = { pluginState, pluginStateVersion: 1, ...(attempts !== undefined ? { attempts } : {}) };
  return action;
}

async function round(action: TaskAction, client: FakePods, attempt = 1) {
  const events: string[] = [];
  const r = roundFor(action, template, client, { attempt, events });
  const transition = await new PodPlugin('container', new InMemoryResourceManager()).handle(r.ctx);
  return { info: transition.info, state: r.state.newState(), refresh: r.refreshRequested(), events, ctx: r.ctx };
}

describe('takeOverDecision', () => {
  const uid = 'uid-1';
  it('adopts the first Pod of this TaskAction that is not being deleted', () => {
    const gone = flytePod('a', uid, 'Running', { deletionTimestamp: '2025-01-01T00:00:00Z' });
    const live = flytePod('b', uid, 'Running');
    expect(takeOverDecision([undefined, gone, live], uid, 1)).toEqual({ kind: 'adopt', pod: live });
  });

  it('restarts when no Pod exists, when the only one is being deleted, or belongs to another TaskAction', () => {
    expect(takeOverDecision([undefined, undefined], uid, 2)).toEqual({ kind: 'restart', why: 'no Pod of attempt 2 exists' });
    expect(takeOverDecision([flytePod('a', uid, 'Running', { deletionTimestamp: 'x' })], uid, 1)).toEqual({ kind: 'restart', why: 'the Pod of attempt 1 is being deleted' });
    expect(takeOverDecision([flytePod('a', 'other', 'Running')], uid, 1)).toEqual({ kind: 'restart', why: 'no Pod of attempt 1 exists' });
  });

  it('knows the names Flyte gives a Pod: S3 the TaskAction\'s, HEAD <TaskAction>-<attempt - 1>', () => {
    expect(flytePodNames(ACTION, 1)).toEqual([ACTION, `${ACTION}-0`]);
    expect(flytePodNames(ACTION, 3)).toEqual([ACTION, `${ACTION}-2`]);
  });
});

describe('PodPlugin with state another executor wrote', () => {
  it('adopts the Pod Flyte\'s S3 executor launched, follows it, and replaces the gob with our state', async () => {
    const client = new FakePods();
    client.pods.set(ACTION, flytePod(ACTION, 'uid-1', 'Running'));
    const action = withState(S3_LAUNCHED);
    const first = await round(action, client);
    expect(first.info.phase).toBe(Phase.Running);
    expect(first.events).toEqual([
      'Normal AdoptedPod: Flyte\'s executor started this attempt (its plugin state: Started, PhaseQueued "task submitted to K8s"): following its Pod acme-proj-dev-r1-a0',
    ]);
    // Our watch does not see a Pod without our labels: the plugin asks to be called again.
    expect(first.refresh).toBe(true);
    expect(JSON.parse(Buffer.from(first.state.pluginState ?? '', 'base64').toString())).toEqual({ podName: ACTION });
    expect([...client.pods.keys()]).toEqual([ACTION]);

    action.status = { ...action.status, pluginState: first.state.pluginState, pluginStateVersion: first.state.pluginStateVersion };
    client.pods.get(ACTION)!.status = { phase: 'Succeeded' };
    const second = await round(action, client);
    expect(second.info.phase).toBe(Phase.Success);
    expect(second.events).toEqual([]);
  });

  it('adopts the Pod Flyte\'s current executor names <TaskAction>-<attempt - 1>', async () => {
    const client = new FakePods();
    client.pods.set(`${ACTION}-1`, flytePod(`${ACTION}-1`, 'uid-1', 'Failed'));
    const result = await round(withState(S3_LAUNCHED, 2), client, 2);
    expect(result.info.phase).toBe(Phase.RetryableFailure);
    expect(result.events[0]).toMatch(/following its Pod acme-proj-dev-r1-a0-1$/);
  });

  it('restarts the attempt with a Pod of ours when state cannot be read and no Pod exists, saying so', async () => {
    const client = new FakePods();
    const result = await round(withState(Buffer.from('\u0001not gob at all').toString('base64')), client);
    expect(result.info.phase).toBe(Phase.Queued);
    expect([...client.pods.keys()]).toEqual([`${ACTION}-a1`]);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatch(
      /^Warning RestartedAttempt: the plugin state is neither ours nor Flyte's \(gob: at byte \d+: .*\), and no Pod of attempt 1 exists: starting attempt 1 over with Pod acme-proj-dev-r1-a0-a1$/,
    );
    expect(JSON.parse(Buffer.from(result.state.pluginState ?? '', 'base64').toString())).toEqual({ podName: `${ACTION}-a1` });
  });

  it('never adopts a namesake Pod of another TaskAction', async () => {
    const client = new FakePods();
    client.pods.set(ACTION, flytePod(ACTION, 'an-earlier-uid', 'Running'));
    const result = await round(withState(S3_LAUNCHED), client);
    expect(result.events[0]).toMatch(/^Warning RestartedAttempt: Flyte's executor started this attempt .*, and no Pod of attempt 1 exists/);
    expect([...client.pods.keys()].sort()).toEqual([ACTION, `${ACTION}-a1`]);
  });

  it('aborting an action with Flyte\'s state deletes Flyte\'s running Pod', async () => {
    const client = new FakePods();
    client.pods.set(ACTION, flytePod(ACTION, 'uid-1', 'Running'));
    const r = roundFor(withState(S3_LAUNCHED), template, client);
    await new PodPlugin('container', new InMemoryResourceManager()).abort(r.ctx);
    expect(client.deleted).toEqual([ACTION]);
  });
});
