import { describe, expect, it } from 'vitest';
import { runningStep } from '../../../../shared/convert/running-step.js';
import { type ContainerStatus, type Pod, type PodStatus } from '../../../../shared/kube/pod.js';
import { podFieldsRead } from '../../../../shared/plugins/pod/pod-fields-read.js';
import { podPhase } from '../../../../shared/plugins/pod/pod-status-phase.js';
import { stepProgressReason } from '../../../../shared/plugins/pod/step-progress-reason.js';

const now = new Date('2026-12-04T03:10:00Z');

/** A Pod the way the API server sends it: everything the plugin does not read is there too. */
function sentPod(status: PodStatus, sequential = false): Pod {
  const container = (name: string) => ({
    name,
    image: 'busybox:1.36',
    command: ['sh', '-c', 'true'],
    env: [{ name: 'FLYTE_INTERNAL_EXECUTION_ID', value: 'r1' }],
    resources: { limits: { cpu: '100m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    terminationMessagePath: '/dev/termination-log',
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'acme-proj-dev-r1-a0-a1',
      namespace: 'flyte',
      uid: 'a303efd7-1043-45a8-a9f4-924dfa712aa8',
      resourceVersion: '239',
      generation: 1,
      creationTimestamp: '2026-12-04T03:09:00Z',
      labels: { 'app.kubernetes.io/managed-by': 'kueue-executor', 'kueue.dev/attempt': '1', 'flyte.org/run': 'r1', 'flyte.org/project': 'proj' },
      annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false', ...(sequential ? { 'norbjd.github.io/kueueleuleu': 'true' } : {}) },
      ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'acme-proj-dev-r1-a0', uid: 'uid-a0', controller: true, blockOwnerDeletion: true }],
      finalizers: ['example.com/keep'],
      managedFields: [{ manager: 'kueue-executor', operation: 'Update', fieldsV1: { 'f:metadata': {} } }],
    },
    spec: {
      initContainers: sequential ? [container('kueueleuleu-prepare'), { ...container('log-shipper'), restartPolicy: 'Always' }] : [],
      containers: sequential ? ['one', 'two', 'three'].map(container) : [container('main')],
      restartPolicy: 'Never',
      nodeName: 'kwok-node-0',
      tolerations: [{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }],
    },
    status: { hostIP: '127.0.0.1', podIP: '10.0.0.1', qosClass: 'Guaranteed', ...status } as PodStatus,
  };
}

function containerStatus(name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, ready: false, restartCount: 0, state, lastState: {}, ...{ image: 'busybox:1.36', imageID: 'sha256:0', containerID: 'containerd://1', started: false }, ...extra };
}

const terminated = (exitCode: number, reason: string, message?: string) => ({
  terminated: { exitCode, reason, startedAt: '2026-12-04T03:09:10Z', finishedAt: '2026-12-04T03:09:20Z', ...(message !== undefined ? { message } : {}) },
});

const conditions = (ready: string, readySince = '2026-12-04T03:09:30Z') => [
  { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-12-04T03:09:00Z' },
  { type: 'Ready', status: ready, reason: 'ContainersNotReady', lastProbeTime: null, lastTransitionTime: readySince },
] as unknown as PodStatus['conditions'];

const CASES: [string, Pod][] = [
  ['pending, unschedulable', sentPod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }] })],
  ['pending, image pull failing past the grace period', sentPod({ phase: 'Pending', conditions: conditions('False', '2026-12-04T03:00:00Z'), containerStatuses: [containerStatus('main', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } })] })],
  ['pending, containers being created', sentPod({ phase: 'Pending', conditions: conditions('False'), containerStatuses: [containerStatus('main', { waiting: { reason: 'ContainerCreating' } })] })],
  ['running', sentPod({ phase: 'Running', startTime: '2026-12-04T03:09:05Z', conditions: conditions('True'), containerStatuses: [containerStatus('main', { running: { startedAt: '2026-12-04T03:09:10Z' } }, { ready: true })] })],
  ['running, primary container ended with an error', sentPod({ phase: 'Running', containerStatuses: [containerStatus('main', terminated(3, 'Error', 'boom'))] })],
  [
    'running sequential Pod, second step running, a native sidecar beside it',
    sentPod(
      {
        phase: 'Running',
        initContainerStatuses: [containerStatus('kueueleuleu-prepare', terminated(0, 'Completed')), containerStatus('log-shipper', { running: {} })],
        containerStatuses: [containerStatus('one', terminated(0, 'Completed')), containerStatus('three', { running: {} }), containerStatus('two', { running: {} })],
      },
      true,
    ),
  ],
  ['failed, OOMKilled after a restart', sentPod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on memory.', containerStatuses: [containerStatus('main', { waiting: {} }, { restartCount: 1, lastState: terminated(137, 'OOMKilled') })] })],
  ['failed without a terminated container', sentPod({ phase: 'Failed' })],
  ['succeeded', sentPod({ phase: 'Succeeded', containerStatuses: [containerStatus('main', terminated(0, 'Completed'))] })],
];

describe('podFieldsRead', () => {
  it.each(CASES)('the plugin reads the same of a Pod %s from what the cache keeps', (_name, sent) => {
    const kept = podFieldsRead(sent);
    const options = { now, primaryContainerName: 'main', imagePullGracePeriodMs: 60_000 };
    expect(podPhase(kept, options)).toEqual(podPhase(sent, options));
    expect(stepProgressReason(kept)).toEqual(stepProgressReason(sent));
    if (sent.status?.phase !== 'Succeeded') expect(runningStep(kept)).toEqual(runningStep(sent));
    expect(kept.metadata).toMatchObject({ name: sent.metadata.name, namespace: 'flyte', uid: sent.metadata.uid, resourceVersion: '239', ownerReferences: sent.metadata.ownerReferences });
    expect(kept.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'kueue-executor', 'kueue.dev/attempt': '1' });
    expect(JSON.stringify(kept).length).toBeLessThan(JSON.stringify(sent).length * 0.6);
  });

  it('keeps the step a sequential Pod is on and the sidecar beside it, and drops what no reader looks at', () => {
    const sent = CASES[5]![1];
    expect(stepProgressReason(podFieldsRead(sent))).toBe('step 2/3 running: two');
    const kept = podFieldsRead(sent);
    expect(kept.metadata.annotations).toEqual({ 'norbjd.github.io/kueueleuleu': 'true' });
    expect(kept.spec).toEqual({
      initContainers: [{ name: 'kueueleuleu-prepare' }, { name: 'log-shipper', restartPolicy: 'Always' }],
      containers: [{ name: 'one' }, { name: 'two' }, { name: 'three' }],
    });
    for (const dropped of ['managedFields', 'finalizers', 'generation']) expect(kept.metadata).not.toHaveProperty(dropped);
    expect(kept.status).not.toHaveProperty('podIP');
    expect(kept.status?.containerStatuses?.[0]).toEqual({ name: 'one', ready: false, restartCount: 0, state: terminated(0, 'Completed'), lastState: {} });
  });

  it('keeps only the phase of a Pod that succeeded, and never shares objects with the Pod it was given', () => {
    const sent = CASES.at(-1)![1];
    const kept = podFieldsRead(sent);
    expect(kept.status).toEqual({ phase: 'Succeeded' });
    expect(kept).not.toHaveProperty('spec');
    expect(kept.metadata.ownerReferences).not.toBe(sent.metadata.ownerReferences);
  });
});
