import { describe, expect, it } from 'vitest';
import { type Pod, type PodStatus } from '../../../../shared/kube/pod.js';
import { ErrorKind } from '../../../../shared/plugins/execution-error.js';
import { Phase } from '../../../../shared/plugins/phase.js';
import { POD_SUBMITTED_REASON, podPhase } from '../../../../shared/plugins/pod/pod-status-phase.js';

const now = new Date('2025-01-02T03:10:00Z');

function pod(status: PodStatus, name = 'task-a1'): Pod {
  return { metadata: { name, creationTimestamp: '2025-01-02T03:00:00Z' }, status };
}

function waiting(reason: string, message: string, readySince = '2025-01-02T03:09:30Z'): PodStatus {
  return {
    phase: 'Pending',
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: readySince },
    ],
    containerStatuses: [{ name: 'main', ready: false, state: { waiting: { reason, message } } }],
  };
}

function terminated(exitCode: number, reason: string, message?: string) {
  return { exitCode, reason, ...(message !== undefined ? { message } : {}) };
}

describe('podPhase', () => {
  it('a Pending Pod without trouble is Queued with a constant reason, scheduled or not', () => {
    expect(podPhase(pod({}), { now }).info.reason).toBe(POD_SUBMITTED_REASON);
    const scheduled = podPhase(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] }), { now });
    expect(scheduled.info.phase).toBe(Phase.Queued);
    expect(scheduled.info.reason).toBe(POD_SUBMITTED_REASON);
  });

  it('an unschedulable Pod waits for resources, with the scheduler\'s message', () => {
    const result = podPhase(
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector.' }] }),
      { now },
    );
    expect(result.info.phase).toBe(Phase.WaitingForResources);
    expect(result.info.reason).toBe('Unschedulable: 0/1 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector.');
  });

  it('containers being created are Initializing', () => {
    const result = podPhase(pod(waiting('ContainerCreating', 'creating')), { now });
    expect(result.info.phase).toBe(Phase.Initializing);
    expect(result.info.reason).toBe('[ContainerCreating] container "main": creating');
  });

  it('an image that cannot be pulled is Initializing within the grace period, asking to be checked again', () => {
    const result = podPhase(pod(waiting('ImagePullBackOff', 'Back-off pulling image "nope"')), { now, imagePullGracePeriodMs: 60_000 });
    expect(result.info.phase).toBe(Phase.Initializing);
    expect(result.recheckAfterMs).toBe(30_000);
  });

  it('after the grace period it is a retryable user failure with cleanup and the kubelet\'s message', () => {
    const result = podPhase(pod(waiting('ErrImagePull', 'manifest unknown')), { now, imagePullGracePeriodMs: 10_000 });
    expect(result.info.phase).toBe(Phase.RetryableFailure);
    expect(result.info.cleanupOnFailure).toBe(true);
    expect(result.info.err).toEqual({
      code: 'ErrImagePull',
      kind: ErrorKind.USER,
      message: 'container "main": manifest unknown (still failing after the 10s grace period)',
    });
    expect(podPhase(pod(waiting('ImagePullBackOff', 'Back-off')), { now, imagePullGracePeriodMs: 0 }).info.err?.message).toBe('container "main": Back-off');
  });

  it('an invalid image name fails permanently at once', () => {
    const result = podPhase(pod(waiting('InvalidImageName', 'couldn\'t parse image name "A B"')), { now, imagePullGracePeriodMs: 600_000 });
    expect(result.info.phase).toBe(Phase.PermanentFailure);
    expect(result.info.cleanupOnFailure).toBe(true);
    expect(result.info.err?.code).toBe('InvalidImageName');
  });

  it('a container configuration error fails permanently after the grace period', () => {
    const result = podPhase(pod(waiting('CreateContainerConfigError', 'secret "s" not found')), { now, imagePullGracePeriodMs: 0 });
    expect(result.info.phase).toBe(Phase.PermanentFailure);
    expect(result.info.err?.code).toBe('CreateContainerConfigError');
  });

  it('an unknown waiting reason is a system failure (the container will not start by itself)', () => {
    const result = podPhase(pod(waiting('Mystery', 'huh')), { now });
    expect(result.info.phase).toBe(Phase.RetryableFailure);
    expect(result.info.err?.kind).toBe(ErrorKind.SYSTEM);
  });

  it('Running, Succeeded and Unknown', () => {
    expect(podPhase(pod({ phase: 'Running' }), { now }).info.phase).toBe(Phase.Running);
    expect(podPhase(pod({ phase: 'Succeeded' }), { now }).info.phase).toBe(Phase.Success);
    const unknown = podPhase(pod({ phase: 'Unknown' }), { now }).info;
    expect(unknown.phase).toBe(Phase.Running);
    expect(unknown.reason).toContain('stopped reporting');
  });

  it('a running Pod whose primary container ended is done, whatever its sidecars do', () => {
    const status: PodStatus = {
      phase: 'Running',
      containerStatuses: [
        { name: 'main', state: { terminated: terminated(0, 'Completed') } },
        { name: 'proxy', state: { running: {} } },
      ],
    };
    expect(podPhase(pod(status), { now, primaryContainerName: 'main' }).info.phase).toBe(Phase.Success);
    expect(podPhase(pod(status), { now, primaryContainerName: 'proxy' }).info.phase).toBe(Phase.Running);
    expect(podPhase(pod(status), { now }).info.phase).toBe(Phase.Running);
    const failed: PodStatus = { phase: 'Running', containerStatuses: [{ name: 'main', state: { terminated: terminated(2, 'Error') } }] };
    expect(podPhase(pod(failed), { now, primaryContainerName: 'main' }).info.err).toEqual({
      code: 'Error',
      kind: ErrorKind.USER,
      message: '[main] terminated with exit code 2 (reason: Error)',
    });
  });

  it('a failed Pod keeps every failing container\'s exit code and message', () => {
    const info = podPhase(
      pod({
        phase: 'Failed',
        containerStatuses: [
          { name: 'ok', state: { terminated: terminated(0, 'Completed') } },
          { name: 'main', state: { terminated: terminated(3, 'Error', 'bad input\n') } },
        ],
      }),
      { now },
    ).info;
    expect(info.phase).toBe(Phase.RetryableFailure);
    expect(info.err).toEqual({ code: 'Error', kind: ErrorKind.USER, message: '[main] terminated with exit code 3 (reason: Error): bad input' });
  });

  it('OOMKilled wins as the code, and the Pod\'s own reason comes before container reasons', () => {
    const oom = podPhase(
      pod({ phase: 'Failed', reason: 'Evicted', containerStatuses: [{ name: 'main', state: { terminated: terminated(137, 'OOMKilled') } }] }),
      { now },
    ).info;
    expect(oom.err?.code).toBe('OOMKilled');
    expect(oom.err?.message).toBe('[main] terminated with exit code 137 (reason: OOMKilled)');
    const deadline = podPhase(
      pod({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline', containerStatuses: [{ name: 'main', state: { terminated: terminated(137, 'Error') } }] }),
      { now },
    ).info;
    // The kubelet enforced the template's timeout: recorded like a timeout the executor enforces itself.
    expect(deadline.err?.code).toBe('Timeout');
    expect(deadline.info?.conditionReason).toBe('Timeout');
    expect(deadline.err?.message).toBe('Pod was active on the node longer than the specified deadline\n[main] terminated with exit code 137 (reason: Error)');
  });

  it('a Pod lost with its node, or failed without any container ending, is a SYSTEM failure', () => {
    const shutdown = podPhase(pod({ phase: 'Failed', reason: 'Shutdown', message: 'node is shutting down' }), { now }).info;
    expect(shutdown.err).toEqual({ code: 'Interrupted', kind: ErrorKind.SYSTEM, message: 'node is shutting down' });
    const silent = podPhase(pod({ phase: 'Failed' }, 'p-a1'), { now }).info;
    expect(silent.err).toEqual({ code: 'Interrupted', kind: ErrorKind.SYSTEM, message: 'Pod p-a1 failed without a reason from Kubernetes' });
  });
});
