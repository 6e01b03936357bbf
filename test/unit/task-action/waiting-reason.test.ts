import { describe, expect, it } from 'vitest';
import { phaseRecord } from '../../../shared/executor/phase-conditions.js';
import { waitingMessage } from '../../../shared/executor/upstream-gate.js';
import { upstreamFailedRecord, waitingRecord } from '../../../shared/executor/upstream-records.js';
import { type PhaseRecord } from '../../../shared/executor/phase-conditions.js';
import { type Pod, type PodStatus } from '../../../shared/kube/pod.js';
import { InMemoryResourceManager } from '../../../shared/plugins/in-memory-resource-manager.js';
import { type PhaseInfo, phaseInfoRetryableFailure, phaseInfoRunning } from '../../../shared/plugins/index.js';
import { PodPlugin } from '../../../shared/plugins/pod/pod-plugin.js';
import { podPhase } from '../../../shared/plugins/pod/pod-status-phase.js';
import { setCondition } from '../../../shared/task-action/condition.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { waitingReason } from '../../../shared/task-action/waiting-reason.js';
import { roundFor, storedTaskAction } from '../executor/task-action-fixture.js';
import { FakePods } from '../plugins/pod/fake-pods.js';

const now = new Date('2026-01-01T00:10:00Z');

/** An action whose status holds what the executor records for `record`: reasons are read from what it writes. */
function recorded(record: PhaseRecord | undefined): TaskAction {
  let conditions = undefined as ReturnType<typeof setCondition> | undefined;
  for (const update of record?.conditions ?? []) conditions = setCondition(conditions, update, now);
  return {
    metadata: { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { runName: 'r', project: 'p', domain: 'd', actionName: 'a' },
    status: { conditions: conditions ?? [], ...(record?.errorState !== undefined ? { errorState: record.errorState } : {}) },
  };
}

const ofInfo = (info: PhaseInfo) => waitingReason(recorded(phaseRecord(info)));
const pendingPod = (status: PodStatus): Pod => ({ metadata: { name: 'p', creationTimestamp: '2026-01-01T00:09:00Z' }, status: { phase: 'Pending', ...status } });

describe('waitingReason', () => {
  it('names an image that cannot be pulled, while the grace period runs and once the attempt failed for it', () => {
    const pulling = podPhase(
      pendingPod({ containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope"' } } }] }),
      { now, imagePullGracePeriodMs: 600_000 },
    );
    const reason = ofInfo(pulling.info);
    expect(reason).toMatchObject({ kind: 'image-pull', summary: 'waiting: image pull' });
    expect(reason?.detail).toContain('Back-off pulling image');
    const failed = phaseInfoRetryableFailure('ImagePullBackOff', 'container "main": Back-off pulling image "nope"');
    expect(ofInfo(failed)).toMatchObject({ kind: 'image-pull', summary: 'retrying: image pull' });
  });

  it('names a Pod no node can take', () => {
    const info = podPhase(pendingPod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }] }), { now }).info;
    expect(ofInfo(info)).toEqual({ kind: 'unschedulable', summary: 'waiting: unschedulable', detail: 'Unschedulable: 0/1 nodes are available' });
  });

  it('names the executor\'s Pod cap, as the pod plugin reports it', async () => {
    const template = containerTaskTemplate({ image: 'busybox' });
    const resources = new InMemoryResourceManager();
    const plugin = new PodPlugin('container', resources, { maxPods: 1 });
    const client = new FakePods();
    await plugin.handle(roundFor(storedTaskAction(template, { actionName: 'a1' }), template, client, { resources }).ctx);
    const second = storedTaskAction(template, { actionName: 'a2' });
    second.metadata.uid = 'uid-2';
    const waiting = await plugin.handle(roundFor(second, template, client, { resources }).ctx);
    expect(ofInfo(waiting.info)).toMatchObject({ kind: 'capped', summary: 'waiting: Pod slot' });
  });

  it('names the actions waited for, as the executor\'s upstream gate writes them', () => {
    expect(waitingReason(recorded(waitingRecord(waitingMessage(['fetch', 'train']))))).toEqual({
      kind: 'after',
      summary: 'waiting for fetch, train',
      detail: 'waiting for fetch, train',
      waitingFor: ['fetch', 'train'],
    });
  });

  it('names the error an attempt is retried after', () => {
    expect(ofInfo(phaseInfoRetryableFailure('OOMKilled', '[main] terminated with exit code 137'))).toMatchObject({ kind: 'retrying', summary: 'retrying after OOMKilled' });
  });

  it('has no reason for an action that runs, finished, or was not looked at yet', () => {
    expect(ofInfo(phaseInfoRunning(0))).toBeUndefined();
    expect(waitingReason(recorded(upstreamFailedRecord('upstream action "a" failed')))).toBeUndefined();
    expect(waitingReason(recorded(undefined))).toBeUndefined();
    // Queued for another cause (the Pod was just created): nothing to explain.
    expect(waitingReason(recorded(waitingRecord('task submitted to K8s')))).toBeUndefined();
  });
});
