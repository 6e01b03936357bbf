import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Lease } from '../../shared/executor/lease-record.js';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { type Pod, type PodSpec } from '../../shared/kube/pod.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { EVENTS, LEASES, PODS } from '../../shared/kube/resource-type.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { abortRun } from '../../shared/queue/abort.js';
import { actionsFromManifest } from '../../shared/queue/actions-from-manifest.js';
import { type PluginEntry } from '../../shared/plugins/plugin.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../shared/task-action/pod-task.js';
import { PLUGIN_FINALIZER, TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { completedTimeLabelValue } from '../../shared/task-action/labels.js';
import { taskTemplateToBase64 } from '../../shared/task-action/task-template-codec.js';
import { viewTaskTemplateBase64 } from '../../shared/task-action/task-template-view.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { executionLedger, withExecutionLedger } from '../../shared/task-action/execution-ledger.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { withFlyteResources } from '../helpers/flyte-pod-resources.js';
import { S3_LAUNCHED_STATE } from '../helpers/flyte-plugin-state-blobs.js';
import {
  RUN_IDENTITY,
  type RunningExecutor,
  byAction,
  conditionSet,
  enqueueRun,
  historyOf,
  settledHistoryOf,
  isFailed,
  isSucceeded,
  listRun,
  reportedTransitions,
  runPods,
  runSelector,
  startExecutor,
  waitForRun,
} from './executor-fixtures.js';

const SUCCEEDED_CONDITIONS = [
  { type: 'Progressing', status: 'False', reason: 'Completed', message: 'TaskAction has completed' },
  { type: 'Succeeded', status: 'True', reason: 'Completed', message: 'TaskAction completed successfully' },
];

/** A Job whose init container requests cpu without a limit, as people write them; `containers` as given. */
function loadJob(containers: object[]) {
  const init = { name: 'init', image: 'busybox:1.36', command: ['true'], resources: { requests: { cpu: '50m' } } };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'load' }, spec: { template: { spec: { initContainers: [init], containers } } } };
}

/** The template `enqueue -f` writes for a Pod or Job manifest. */
function templateFromManifest(manifest: object): TaskTemplate {
  const [action] = actionsFromManifest([{ value: manifest, location: {} }], { ...RUN_IDENTITY, runName: 'manifest' });
  const template = action?.taskTemplate;
  if (template === undefined || template instanceof Uint8Array) throw new Error('expected a template built from the manifest');
  return template;
}

const container = (options: { retries?: number } = {}) =>
  containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'], ...options });

describe.skipIf(clusterUnavailable())('executor on a real control plane', () => {
  const ns = useClusterNamespace('exec');
  let running: RunningExecutor | undefined;

  afterEach(async () => {
    await running?.executor.stop();
    running = undefined;
  });

  it('runs a three-level run to completion with Flyte\'s exact conditions and phase history', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'three', [
      { name: 'a0', template: container() },
      { name: 'fetch', parent: 'a0', template: container() },
      {
        name: 'train',
        parent: 'a0',
        template: podTaskTemplate({
          podSpec: {
            containers: [
              { name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo train'] },
              { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '3600'] },
            ],
          },
          primaryContainerName: 'main',
        }),
      },
      {
        name: 'publish',
        parent: 'train',
        template: podTaskTemplate({
          podSpec: {
            containers: [
              { name: 'package', image: 'busybox:1.36', command: ['sh', '-c', 'echo package'] },
              { name: 'upload', image: 'busybox:1.36', command: ['sh', '-c', 'echo upload'] },
            ],
          },
          primaryContainerName: 'upload',
          sequential: true,
        }),
      },
    ]);
    // The finalizer goes in the write after the Succeeded status, so wait for both rather than race the second.
    const settled = (a: TaskAction) => isSucceeded(a) && !(a.metadata.finalizers ?? []).includes(PLUGIN_FINALIZER);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'three', (all) => all.length === 4 && all.every(settled)));
    for (const name of ['a0', 'fetch', 'train', 'publish']) {
      const action = done.get(name);
      expect(conditionSet(action), name).toEqual(SUCCEEDED_CONDITIONS);
      // Executing is recorded only if a reconcile sees the 300 ms Pod running: the outcome is what counts.
      expect(action?.status?.phaseHistory?.filter((h) => h.phase !== 'Executing').map((h) => [h.phase, h.message])).toEqual([
        ['Queued', 'task submitted to K8s'],
        ['Completed', 'TaskAction completed successfully'],
      ]);
      expect(withExecutionLedger(action?.status)).toMatchObject({ pluginPhase: 'PhaseSuccess', pluginPhaseVersion: 0, attempts: 1, systemFailures: 0 });
      expect(JSON.parse(action?.status?.stateJson ?? '{}')).toMatchObject({ phase: 'PhaseSuccess', actionId: `three/${name}` });
      // Finished actions keep no finalizer: deleting them never needs an executor.
      expect(action?.metadata.finalizers ?? []).not.toContain(PLUGIN_FINALIZER);
      // Flyte's terminal labels, from the Succeeded condition's time, written with the finalizer's removal.
      const succeededAt = action?.status?.conditions?.find((c) => c.type === 'Succeeded')?.lastTransitionTime ?? '';
      expect(action?.metadata.labels).toMatchObject({
        'flyte.org/termination-status': 'terminated',
        'flyte.org/completed-time': completedTimeLabelValue(new Date(succeededAt)),
      });
    }

    const pods = await runPods(ns.client, ns.namespace, 'three');
    expect(pods.map((p) => p.metadata.name)).toEqual([
      'acme-proj-dev-three-a0-a1',
      'acme-proj-dev-three-fetch-a1',
      'acme-proj-dev-three-publish-a1',
      'acme-proj-dev-three-train-a1',
    ]);
    const fetch = pods.find((p) => p.metadata.name === 'acme-proj-dev-three-fetch-a1');
    expect(fetch?.metadata.ownerReferences).toEqual([
      { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'acme-proj-dev-three-fetch', uid: done.get('fetch')?.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    // What Flyte's Pods carry besides: HEAD's labels and Flyte's annotations, no service links.
    expect(fetch?.metadata.labels).toMatchObject({ 'flyte.org/managed': 'true', run: 'three', action: 'fetch', attempt: '1' });
    expect(fetch?.metadata.annotations).toMatchObject({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false', primary_container_name: 'acme-proj-dev-three-fetch-a1' });
    expect(fetch?.spec?.['enableServiceLinks']).toBe(false);
    expect(fetch?.spec?.containers[0]?.['terminationMessagePolicy']).toBe('FallbackToLogsOnError');
    expect(fetch?.spec?.containers[0]?.env).toEqual(
      expect.arrayContaining([
        { name: 'ACTION_NAME', value: 'fetch' },
        { name: 'RUN_NAME', value: 'three' },
        // Flyte's current CRD prunes spec.org, and its executor too says `local` then.
        { name: '_U_ORG_NAME', value: testCrd() === 'flyte-head' ? 'local' : 'acme' },
        { name: '_U_RUN_BASE', value: 'file:///tmp/kueue/acme/proj/dev/three/' },
      ]),
    );
    const publish = pods.find((p) => p.metadata.name === 'acme-proj-dev-three-publish-a1');
    expect(publish?.spec?.initContainers?.map((c) => c.name)).toEqual(['kueueleuleu-prepare']);

    // One line per transition, in order, for every action: the same path as its phase history.
    await reportedTransitions(running, 'three', (ts) => ts.filter((t) => t.phase === 'Completed').length === 4);
    for (const name of ['a0', 'fetch', 'train', 'publish']) {
      const history = historyOf(done.get(name));
      expect(running.transitions.filter((t) => t.actionName === name).map((t) => `${t.previousPhase ?? ''}>${t.phase}`)).toEqual(
        history.map((phase, i) => `${history[i - 1] ?? ''}>${phase}`),
      );
    }
    expect(running.executor.stats()).toMatchObject({ leader: true, synced: true, actions: { total: 4, succeeded: 4, running: 0, queued: 0 } });
  });

  it('runs what enqueue writes for any executor: a limit for every request, a sequential Pod converted once', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    const jobTemplate = templateFromManifest(loadJob([{ name: 'main', image: 'busybox:1.36', command: ['true'], resources: { requests: { memory: '32Mi' } } }]));
    const steps = podTaskTemplate({
      podSpec: {
        containers: [
          { name: 'package', image: 'busybox:1.36', command: ['sh', '-c', 'echo package'] },
          { name: 'upload', image: 'busybox:1.36', command: ['sh', '-c', 'echo upload'] },
        ],
      },
      sequential: true,
    });
    await enqueueRun(ns.client, ns.namespace, 'fidelity', [
      { name: 'a0', template: container() },
      { name: 'load', parent: 'a0', template: jobTemplate },
      { name: 'steps', parent: 'a0', template: steps },
    ]);
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'fidelity', (all) => all.length === 3 && all.every(isSucceeded)));
    expect([...done.keys()].sort()).toEqual(['a0', 'load', 'steps']);

    const pods = new Map((await runPods(ns.client, ns.namespace, 'fidelity')).map((p) => [p.metadata.labels?.['flyte.org/action'], p.spec]));
    expect(pods.get('a0')?.containers[0]?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
    expect(pods.get('load')?.initContainers?.[0]?.resources).toEqual({ requests: { cpu: '50m' }, limits: { cpu: '50m' } });
    expect(pods.get('load')?.containers[0]?.resources).toEqual({ requests: { memory: '32Mi' }, limits: { memory: '32Mi' } });
    const stepPod = pods.get('steps');
    expect(stepPod?.initContainers?.map((c) => c.name)).toEqual(['kueueleuleu-prepare']);
    expect(stepPod?.containers.map((c) => c.args?.filter((a) => a === '-entrypoint').length)).toEqual([1, 1]);
  });

  it('writes templates whose Pods, with resources as Flyte\'s executor writes them, the API server accepts', async () => {
    const job = loadJob([
      { name: 'main', image: 'busybox:1.36', command: ['true'] },
      { name: 'side', image: 'busybox:1.36', command: ['true'], resources: { requests: { cpu: '20m', memory: '16Mi' } } },
    ]);
    const actions = await enqueueRun(ns.client, ns.namespace, 'flyte-pods', [
      { name: 'a0', template: container() },
      { name: 'steps', parent: 'a0', template: podTaskTemplate({ podSpec: job.spec.template.spec, sequential: true }) },
    ]);
    const [load] = await enqueueRun(ns.client, ns.namespace, 'flyte-pods', [{ name: 'load', parent: 'a0', template: templateFromManifest(job) }]);

    const dryRunPod = (name: string, spec: PodSpec) =>
      ns.client.create(PODS, ns.namespace, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...spec, restartPolicy: 'Never' } }, { dryRun: true });
    for (const action of [...actions, load]) {
      const view = viewTaskTemplateBase64(action?.spec.taskTemplate ?? '');
      const target = view.target;
      let spec: PodSpec;
      let primary: string;
      if (target.kind === 'container') {
        primary = 'task';
        spec = { containers: [{ name: primary, image: target.image, resources: target.resources }] };
      } else if (target.kind === 'pod') {
        primary = target.primaryContainerName;
        spec = target.podSpec as unknown as PodSpec;
      } else throw new Error(`unexpected target ${target.kind}`);
      await expect(dryRunPod(`flyte-${action?.spec.actionName ?? ''}`, withFlyteResources(spec, primary)), action?.spec.actionName).resolves.toBeDefined();
    }

    // The same Job spec as written, without a limit for each request, is the Pod the API server refuses.
    const refused = await dryRunPod('flyte-raw', withFlyteResources(job.spec.template.spec as PodSpec, 'main')).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isKubeApiError(refused) && refused.code).toBe(422);
    expect(String(refused)).toMatch(/must be less than or equal to cpu limit of 0/);
  });

  it('retries a failing action twice, one Pod per attempt, then fails it with the exit code kept', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'retry', [
      { name: 'a0', template: container({ retries: 2 }), annotations: { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '3', 'kueue.test/message': 'bad input', 'kueue.test/duration': '100ms' } },
    ]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'retry', (all) => all.length === 1 && all.every(isFailed));
    const failure = '[acme-proj-dev-retry-a0-a3] terminated with exit code 3 (reason: Error): bad input';
    expect(conditionSet(action)).toEqual([
      { type: 'Progressing', status: 'False', reason: 'PermanentFailure', message: failure },
      { type: 'Failed', status: 'True', reason: 'PermanentFailure', message: failure },
    ]);
    expect(settledHistoryOf(action)).toEqual(['Queued', 'RetryableFailure', 'Queued', 'RetryableFailure', 'Queued', 'PermanentFailure']);
    // Under every CRD: Flyte's S3 one prunes status.attempts and errorState, and the executor reads them from stateJson.
    expect(withExecutionLedger(action?.status)).toMatchObject({ attempts: 3, pluginPhase: 'PhasePermanentFailure', errorState: { code: 'Error', kind: 'USER', message: failure } });
    expect(action?.status?.attempts).toBe(testCrd() === 'flyte-s3' ? undefined : 3);
    const pods = await runPods(ns.client, ns.namespace, 'retry');
    expect(pods.map((p) => [p.metadata.name, p.metadata.labels?.['kueue.dev/attempt'], p.status?.phase])).toEqual([
      ['acme-proj-dev-retry-a0-a1', '1', 'Failed'],
      ['acme-proj-dev-retry-a0-a2', '2', 'Failed'],
      ['acme-proj-dev-retry-a0-a3', '3', 'Failed'],
    ]);
    await pollUntil(
      async () => {
        const events = await ns.client.list<KubeObject & { reason: string }>(EVENTS, ns.namespace, {
          fieldSelector: `involvedObject.name=${action?.metadata.name ?? ''}`,
        });
        const reasons = events.items.map((e) => e.reason);
        return reasons.filter((r) => r === 'Retrying').length === 2 && reasons.includes('Failed');
      },
      { timeoutMs: 10_000, what: () => 'Retrying and Failed events on the TaskAction' },
    );
  });

  it('keeps OOMKilled as the failure code', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'oom', [
      { name: 'a0', template: container(), annotations: { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '137', 'kueue.test/reason': 'OOMKilled' } },
    ]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'oom', (all) => all.length === 1 && all.every(isFailed));
    expect(withExecutionLedger(action?.status)?.errorState).toEqual({
      code: 'OOMKilled',
      kind: 'USER',
      message: '[acme-proj-dev-oom-a0-a1] terminated with exit code 137 (reason: OOMKilled)',
    });
  });

  it('fails an attempt whose image cannot be pulled after the grace period, deleting its Pod', async () => {
    running = await startExecutor(ns.client, ns.namespace, { plugins: podPluginEntries({ imagePullGracePeriodMs: 2000 }) });
    await enqueueRun(ns.client, ns.namespace, 'pull', [
      { name: 'a0', template: containerTaskTemplate({ image: 'registry.invalid/nope:1' }), annotations: { 'kueue.test/outcome': 'ImagePullBackOff' } },
    ]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'pull', (all) => all.length === 1 && all.every(isFailed));
    expect(historyOf(action)).toEqual(['Queued', 'Initializing', 'PermanentFailure']);
    expect(withExecutionLedger(action?.status)?.errorState).toEqual({
      code: 'ImagePullBackOff',
      kind: 'USER',
      message: 'container "acme-proj-dev-pull-a0-a1": Back-off pulling image "registry.invalid/nope:1" (still failing after the 2s grace period)',
    });
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'pull')).length === 0, { timeoutMs: 10_000, what: () => 'the Pod stuck pulling to be deleted' });
  });

  it('shows an unschedulable Pod as waiting for resources, with the scheduler\'s reason', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'nodes', [
      { name: 'a0', template: podTaskTemplate({ podSpec: { nodeSelector: { 'kueue.test/pool': 'none' }, containers: [{ name: 'main', image: 'busybox' }] } }) },
    ]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'nodes', (all) => all[0]?.status?.conditions?.[0]?.message.startsWith('Unschedulable') ?? false);
    expect(action?.status?.pluginPhase).toBe('PhaseWaitingForResources');
    const conditions = conditionSet(action);
    expect(conditions.map(({ type, status, reason }) => ({ type, status, reason }))).toEqual([{ type: 'Progressing', status: 'True', reason: 'Queued' }]);
    expect(conditions[0]?.message).toMatch(/^Unschedulable: 0\/1 nodes are available: .*node affinity\/selector/);
    await abortRun(ns.client, { org: 'acme', project: 'proj', domain: 'dev', runName: 'nodes' }, { namespace: ns.namespace, wait: true, timeoutMs: 30_000 });
  });

  it('caps concurrent Pods: the others wait with the reason, and all finish', async () => {
    running = await startExecutor(ns.client, ns.namespace, { plugins: podPluginEntries({ maxPods: 1 }) });
    const live = new Set<string>();
    let most = 0;
    const watch = ns.client.watch<Pod>(PODS, ns.namespace, { labelSelector: runSelector('capped') }, (event) => {
      const name = event.object.metadata.name ?? '';
      const finished = event.object.status?.phase === 'Succeeded' || event.object.status?.phase === 'Failed';
      if (event.type === 'DELETED' || finished) live.delete(name);
      else live.add(name);
      most = Math.max(most, live.size);
    });
    try {
      await enqueueRun(ns.client, ns.namespace, 'capped', [
        { name: 'a0', template: container(), annotations: { 'kueue.test/duration': '1s' } },
        { name: 'b', parent: 'a0', template: container(), annotations: { 'kueue.test/duration': '1s' } },
        { name: 'c', parent: 'a0', template: container(), annotations: { 'kueue.test/duration': '1s' } },
      ]);
      const waiting = await waitForRun(ns.client, ns.namespace, 'capped', (all) =>
        all.some((a) => a.status?.conditions?.[0]?.message.startsWith('waiting for a Pod slot') ?? false),
      );
      const slotMessage = waiting.map((a) => a.status?.conditions?.[0]?.message).find((m) => m?.startsWith('waiting'));
      expect(slotMessage).toBe(`waiting for a Pod slot: the executor already runs its maximum of 1 Pods in namespace ${ns.namespace}`);
      await waitForRun(ns.client, ns.namespace, 'capped', (all) => all.length === 3 && all.every(isSucceeded));
      expect(most).toBe(1);
    } finally {
      watch.stop();
    }
  });

  it('aborts a running run: every Pod deleted, every finalizer removed, nothing left', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    const forever = { 'kueue.test/outcome': 'Running' };
    await enqueueRun(ns.client, ns.namespace, 'abort', [
      { name: 'a0', template: container(), annotations: forever },
      { name: 'b', parent: 'a0', template: container(), annotations: forever },
      { name: 'c', parent: 'b', template: container(), annotations: forever },
    ]);
    const before = await waitForRun(ns.client, ns.namespace, 'abort', (all) => all.length === 3 && all.every((a) => historyOf(a).at(-1) === 'Executing'));
    for (const action of before) expect(action.metadata.finalizers).toContain(PLUGIN_FINALIZER);
    expect((await runPods(ns.client, ns.namespace, 'abort')).map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);

    await abortRun(ns.client, { org: 'acme', project: 'proj', domain: 'dev', runName: 'abort' }, { namespace: ns.namespace, wait: true, timeoutMs: 60_000 });
    expect(await listRun(ns.client, ns.namespace, 'abort')).toEqual([]);
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'abort')).length === 0, { timeoutMs: 30_000, what: () => 'the run\'s Pods to be gone' });
    const aborted = running.transitions.filter((t) => t.runName === 'abort' && t.phase === 'Aborted').map((t) => t.actionName);
    expect(aborted.sort()).toEqual(['a0', 'b', 'c']);
  });

  it('executes a TaskAction written the way Flyte\'s queue writes it (S3 shape, no Pod yet)', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    const template = containerTaskTemplate({ image: 'ghcr.io/flyteorg/flytekit:py3.12', args: ['pyflyte-fast-execute', '--inputs', 's3://bucket/in'], taskType: 'python-task' });
    const flyteShaped: TaskAction = {
      apiVersion: 'flyte.org/v1',
      kind: 'TaskAction',
      metadata: {
        name: 'testorg-flytesnacks-development-rabc123-a0',
        labels: {
          'flyte.org/org': 'testorg',
          'flyte.org/project': 'flytesnacks',
          'flyte.org/domain': 'development',
          'flyte.org/run': 'rabc123',
          'flyte.org/action': 'a0',
          'flyte.org/action-type': 'task',
          'flyte.org/is-root': 'true',
        },
      },
      spec: {
        runName: 'rabc123',
        org: 'testorg',
        project: 'flytesnacks',
        domain: 'development',
        actionName: 'a0',
        inputUri: 's3://flyte-data/testorg/flytesnacks/development/rabc123/a0/inputs.pb',
        runOutputBase: 's3://flyte-data/testorg/flytesnacks/development/rabc123/',
        taskType: 'python-task',
        shortName: 'hello_world',
        taskTemplate: taskTemplateToBase64(template),
      },
    };
    await ns.client.create(TASKACTIONS, ns.namespace, flyteShaped);
    let action: TaskAction | undefined;
    await pollUntil(
      async () => {
        action = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'testorg-flytesnacks-development-rabc123-a0');
        return isSucceeded(action);
      },
      { timeoutMs: 30_000, what: () => `the Flyte-shaped action to succeed (${historyOf(action).join('>')})` },
    );
    expect(conditionSet(action)).toEqual(SUCCEEDED_CONDITIONS);
    const pod = await ns.client.get<Pod>(PODS, ns.namespace, 'testorg-flytesnacks-development-rabc123-a0-a1');
    expect(pod.spec?.containers[0]?.args).toEqual(['pyflyte-fast-execute', '--inputs', 's3://bucket/in']);
    expect(pod.spec?.containers[0]?.env).toEqual([
      { name: 'FLYTE_INTERNAL_EXECUTION_ID', value: 'rabc123' },
      { name: 'FLYTE_INTERNAL_EXECUTION_PROJECT', value: 'flytesnacks' },
      { name: 'FLYTE_INTERNAL_EXECUTION_DOMAIN', value: 'development' },
      { name: '_F_PN', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'FLYTE_ATTEMPT_NUMBER', value: '0' },
      { name: 'ACTION_NAME', value: 'a0' },
      { name: 'RUN_NAME', value: 'rabc123' },
      { name: '_U_RUN_BASE', value: 's3://flyte-data/testorg/flytesnacks/development/rabc123/' },
      { name: '_U_ORG_NAME', value: testCrd() === 'flyte-head' ? 'local' : 'testorg' },
    ]);
  });

  /** A root action as Flyte's queue writes it, with the status Flyte's executor left after launching its Pod. */
  async function actionFlyteStarted(runName: string, pluginState: string): Promise<TaskAction> {
    const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] });
    const [created] = await enqueueRun(ns.client, ns.namespace, runName, [{ name: 'a0', template }]);
    if (created === undefined) throw new Error('nothing enqueued');
    return ns.client.replace<TaskAction>(
      TASKACTIONS,
      ns.namespace,
      {
        ...created,
        status: {
          pluginState,
          pluginStateVersion: 1,
          pluginPhase: 'PhaseQueued',
          conditions: [{ type: 'Progressing', status: 'True', reason: 'Queued', message: 'task submitted to K8s', lastTransitionTime: '2025-03-14T09:00:00Z' }],
        },
      },
      { subresource: 'status' },
    );
  }

  async function eventsOf(name: string): Promise<{ reason: string; message: string }[]> {
    const events = await ns.client.list<KubeObject & { reason: string; message: string }>(EVENTS, ns.namespace, { fieldSelector: `involvedObject.name=${name}` });
    return events.items.map(({ reason, message }) => ({ reason, message }));
  }

  it('adopts the Pod Flyte\'s executor launched (gob plugin state, Pod named after the TaskAction) and finishes it', async () => {
    const action = await actionFlyteStarted('adopt', S3_LAUNCHED_STATE);
    const name = action.metadata.name ?? '';
    // Flyte's S3 Pod: the TaskAction's name and labels, an owner reference without controller.
    await ns.client.create<Pod>(PODS, ns.namespace, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: action.metadata.labels ?? {},
        annotations: { 'kueue.test/duration': '1s' },
        ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name, uid: action.metadata.uid ?? '' }],
      },
      spec: { restartPolicy: 'Never', containers: [{ name, image: 'busybox:1.36' }] },
    });
    running = await startExecutor(ns.client, ns.namespace);
    const [done] = await waitForRun(ns.client, ns.namespace, 'adopt', (all) => all.length === 1 && all.every((a) => isSucceeded(a) && a.metadata.labels?.['flyte.org/termination-status'] === 'terminated'));
    expect(conditionSet(done)).toEqual(SUCCEEDED_CONDITIONS);
    expect(executionLedger(done?.status).attempts).toBe(1);
    // Followed, not duplicated: the only Pod is Flyte's.
    expect((await runPods(ns.client, ns.namespace, 'adopt')).map((p) => p.metadata.name)).toEqual([name]);
    expect(JSON.parse(Buffer.from(done?.status?.pluginState ?? '', 'base64').toString())).toEqual({ podName: name });
    await pollUntil(async () => (await eventsOf(name)).some((e) => e.reason === 'AdoptedPod'), { timeoutMs: 10_000, what: () => 'an AdoptedPod event' });
    expect((await eventsOf(name)).find((e) => e.reason === 'AdoptedPod')?.message).toBe(
      `Flyte's executor started this attempt (its plugin state: Started, PhaseQueued "task submitted to K8s"): following its Pod ${name}`,
    );
  });

  it('restarts an action whose plugin state nobody can read, with an Event, when no Pod of it exists', async () => {
    const action = await actionFlyteStarted('unreadable', Buffer.from('\u0003garbage').toString('base64'));
    const name = action.metadata.name ?? '';
    running = await startExecutor(ns.client, ns.namespace);
    const [done] = await waitForRun(ns.client, ns.namespace, 'unreadable', (all) => all.length === 1 && all.every((a) => isSucceeded(a) && a.metadata.labels?.['flyte.org/termination-status'] === 'terminated'));
    expect(conditionSet(done)).toEqual(SUCCEEDED_CONDITIONS);
    expect((await runPods(ns.client, ns.namespace, 'unreadable')).map((p) => p.metadata.name)).toEqual([`${name}-a1`]);
    await pollUntil(async () => (await eventsOf(name)).some((e) => e.reason === 'RestartedAttempt'), { timeoutMs: 10_000, what: () => 'a RestartedAttempt event' });
    expect((await eventsOf(name)).find((e) => e.reason === 'RestartedAttempt')?.message).toMatch(
      new RegExp(`^the plugin state is neither ours nor Flyte's \\(gob: .*\\), and no Pod of attempt 1 exists: starting attempt 1 over with Pod ${name}-a1$`),
    );
  });

  it('fails actions that cannot run: empty required fields, and task types no plugin runs', async () => {
    const containerOnly: PluginEntry[] = podPluginEntries().filter((entry) => entry.id === 'container');
    running = await startExecutor(ns.client, ns.namespace, { plugins: containerOnly });
    const base = { runName: 'bad', project: 'proj', domain: 'dev', org: 'acme' };
    const empty = ns.client.create(TASKACTIONS, ns.namespace, {
      apiVersion: 'flyte.org/v1',
      kind: 'TaskAction',
      metadata: { name: 'acme-proj-dev-bad-empty', labels: { 'flyte.org/run': 'bad', 'flyte.org/project': 'proj', 'flyte.org/domain': 'dev', 'flyte.org/org': 'acme' } },
      spec: { ...base, actionName: 'empty', taskType: 'container' },
    });
    // Flyte's S3 CRD requires those fields, so there the API server refuses the object before any executor sees it.
    const s3 = testCrd() === 'flyte-s3';
    if (s3) await expect(empty).rejects.toThrow(/spec.inputUri: Required value/);
    else await empty;
    await ns.client.create(TASKACTIONS, ns.namespace, {
      apiVersion: 'flyte.org/v1',
      kind: 'TaskAction',
      metadata: { name: 'acme-proj-dev-bad-spark', labels: { 'flyte.org/run': 'bad', 'flyte.org/project': 'proj', 'flyte.org/domain': 'dev', 'flyte.org/org': 'acme' } },
      spec: { ...base, actionName: 'spark', taskType: 'spark', inputUri: 's3://b/i', runOutputBase: 's3://b/o', taskTemplate: taskTemplateToBase64(container()) },
    });
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'bad', (all) => all.length === (s3 ? 1 : 2) && all.every(isFailed)));
    const invalid = 'required spec fields are empty: [taskTemplate inputUri runOutputBase]';
    if (!s3) expect(conditionSet(done.get('empty'))).toEqual([
      { type: 'Failed', status: 'True', reason: 'InvalidSpec', message: invalid },
      { type: 'Progressing', status: 'False', reason: 'InvalidSpec', message: invalid },
    ]);
    const missing = 'no plugin found for task type "spark": no plugin registered for task type "spark" and no default plugin available';
    expect(conditionSet(done.get('spark'))).toEqual([
      { type: 'Failed', status: 'True', reason: 'PluginNotFound', message: missing },
      { type: 'Progressing', status: 'False', reason: 'PluginNotFound', message: missing },
    ]);
    for (const action of done.values()) expect(action.metadata.finalizers ?? []).toEqual([]);
    expect(await runPods(ns.client, ns.namespace, 'bad')).toEqual([]);
  });

  it('recreates a Pod deleted behind its back without using an attempt', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'lost', [{ name: 'a0', template: container(), annotations: { 'kueue.test/duration': '2s' } }]);
    await waitForRun(ns.client, ns.namespace, 'lost', (all) => historyOf(all[0]).at(-1) === 'Executing');
    const firstPod = await ns.client.get<Pod>(PODS, ns.namespace, 'acme-proj-dev-lost-a0-a1');
    await ns.client.delete(PODS, ns.namespace, 'acme-proj-dev-lost-a0-a1', { gracePeriodSeconds: 0 });
    const [action] = await waitForRun(ns.client, ns.namespace, 'lost', (all) => all.every(isSucceeded), 30_000);
    const secondPod = await ns.client.get<Pod>(PODS, ns.namespace, 'acme-proj-dev-lost-a0-a1');
    expect(secondPod.metadata.uid).not.toBe(firstPod.metadata.uid);
    expect(withExecutionLedger(action?.status)).toMatchObject({ attempts: 1, systemFailures: 0 });
  });

  it('fails an action whose plugin keeps failing, after the system-error budget, with a clear code', async () => {
    const broken: PluginEntry = {
      id: 'broken',
      registeredTaskTypes: ['container'],
      isDefault: true,
      loadPlugin: () => ({
        getId: () => 'broken',
        getProperties: () => ({ disableNodeLevelCaching: false }),
        handle: () => Promise.reject(new Error('the backend is down')),
        abort: () => Promise.resolve(),
        finalize: () => Promise.resolve(),
      }),
    };
    running = await startExecutor(ns.client, ns.namespace, { plugins: [broken], maxSystemFailures: 2 });
    await enqueueRun(ns.client, ns.namespace, 'broken', [{ name: 'a0', template: container() }]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'broken', (all) => all.every(isFailed), 30_000);
    const message = 'plugin "broken" failed with system error 3 times: the backend is down';
    expect(conditionSet(action)).toEqual([
      { type: 'Progressing', status: 'False', reason: 'PermanentFailure', message },
      { type: 'Failed', status: 'True', reason: 'PermanentFailure', message },
    ]);
    expect(withExecutionLedger(action?.status)).toMatchObject({ systemFailures: 3, errorState: { code: 'MaxSystemFailuresExceeded', kind: 'SYSTEM', message } });
  });

  it('stops cleanly: the lease is released and a finished namespace is idle', async () => {
    running = await startExecutor(ns.client, ns.namespace, { leaseName: 'stop-check' });
    await running.executor.idle();
    await running.executor.stop();
    const lease = await ns.client.get<Lease>(LEASES, ns.namespace, 'stop-check');
    expect(lease.spec?.holderIdentity).toBeUndefined();
    expect(lease.spec?.leaseDurationSeconds).toBe(1);
    expect(running.executor.isLeader).toBe(false);
    // A second stop is harmless.
    await running.executor.stop();
  });
});
