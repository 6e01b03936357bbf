import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../../shared/errors/api-error.js';
import { type Pod } from '../../../../shared/kube/pod.js';
import { InMemoryResourceManager } from '../../../../shared/plugins/in-memory-resource-manager.js';
import { Phase } from '../../../../shared/plugins/phase.js';
import { isTrimmable, newestTrimmedAttempt } from '../../../../shared/plugins/pod/attempt-pod-trim.js';
import { PodPlugin, type PodPluginOptions } from '../../../../shared/plugins/pod/pod-plugin.js';
import { containerTaskTemplate } from '../../../../shared/task-action/container-task.js';
import { roundFor, storedTaskAction } from '../../executor/task-action-fixture.js';
import { FakePods } from './fake-pods.js';

const template = containerTaskTemplate({ image: 'busybox' });
const ACTION = 'acme-proj-dev-r1-a0';
const podName = (attempt: number) => `${ACTION}-a${attempt}`;

function finishedPod(name: string, ownerUid = 'uid-1', extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name, uid: `pod-${name}`, ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: ACTION, uid: ownerUid, controller: true }], ...extra },
    spec: { containers: [{ name, image: 'busybox' }] },
    status: { phase: 'Failed' },
  };
}

/** Pods of attempts 1..`upTo` of the action, all failed, as an action that keeps failing leaves them. */
function podsOfAttempts(upTo: number): FakePods {
  const client = new FakePods();
  for (let attempt = 1; attempt <= upTo; attempt++) client.pods.set(podName(attempt), finishedPod(podName(attempt)));
  return client;
}

async function startAttempt(client: FakePods, attempt: number, options: PodPluginOptions = {}) {
  const action = storedTaskAction(template);
  action.status = { attempts: attempt };
  const r = roundFor(action, template, client, { attempt });
  const transition = await new PodPlugin('container', new InMemoryResourceManager(), options).handle(r.ctx);
  return transition.info;
}

describe('newestTrimmedAttempt', () => {
  it('keeps the last N attempts, the current one among them, and always the current one', () => {
    expect(newestTrimmedAttempt(5, 2)).toBe(3);
    expect(newestTrimmedAttempt(3, 3)).toBe(0);
    expect(newestTrimmedAttempt(1, 3)).toBe(0);
    expect(newestTrimmedAttempt(4, 0)).toBe(3);
  });
});

describe('isTrimmable', () => {
  it('takes only a Pod of this very action that is not being deleted', () => {
    expect(isTrimmable(finishedPod('p'), 'uid-1')).toBe(true);
    expect(isTrimmable(undefined, 'uid-1')).toBe(false);
    expect(isTrimmable(finishedPod('p', 'uid-earlier'), 'uid-1')).toBe(false);
    expect(isTrimmable(finishedPod('p', 'uid-1', { deletionTimestamp: '2026-01-01T00:00:00Z' }), 'uid-1')).toBe(false);
  });
});

describe('PodPlugin keeps only the last attempts\' Pods', () => {
  it('deletes the Pods of attempts older than the last `keepAttemptPods` when it creates the next one', async () => {
    const client = podsOfAttempts(4);
    const info = await startAttempt(client, 5, { keepAttemptPods: 2 });
    expect(info.phase).toBe(Phase.Queued);
    expect(client.deleted).toEqual([podName(3), podName(2), podName(1)]);
    expect([...client.pods.keys()].sort()).toEqual([podName(4), podName(5)]);
  });

  it('keeps three attempts by default, and deletes nothing before there are more', async () => {
    const client = podsOfAttempts(2);
    await startAttempt(client, 3);
    expect(client.deleted).toEqual([]);
    await startAttempt(client, 4);
    expect(client.deleted).toEqual([podName(1)]);
  });

  it('stops at the first attempt without a Pod: those before it were trimmed already', async () => {
    const client = podsOfAttempts(9);
    client.pods.delete(podName(6));
    await startAttempt(client, 10, { keepAttemptPods: 3 });
    expect(client.deleted).toEqual([podName(7)]);
    expect(client.pods.has(podName(5))).toBe(true);
  });

  it('leaves a namesake\'s Pod (an earlier TaskAction of the same name) to the garbage collector', async () => {
    const client = new FakePods();
    client.pods.set(podName(1), finishedPod(podName(1), 'uid-earlier'));
    await startAttempt(client, 2, { keepAttemptPods: 1 });
    expect(client.deleted).toEqual([]);
  });

  it('trims also when it finds the attempt\'s Pod created already (an executor stopped before recording it)', async () => {
    const client = podsOfAttempts(3);
    const info = await startAttempt(client, 3, { keepAttemptPods: 1 });
    expect(info.phase).not.toBe(Phase.Undefined);
    expect(client.deleted).toEqual([podName(2), podName(1)]);
  });

  it('never fails the attempt when an old Pod cannot be deleted: the next attempt tries again', async () => {
    const client = podsOfAttempts(3);
    client.delete = () => Promise.reject(new KubeApiError(500, 'InternalError', 'etcd is down'));
    const info = await startAttempt(client, 4, { keepAttemptPods: 1 });
    expect(info.phase).toBe(Phase.Queued);
    expect(client.pods.has(podName(4))).toBe(true);
    expect(client.pods.has(podName(3))).toBe(true);
  });
});
