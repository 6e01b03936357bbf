import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../../shared/errors/api-error.js';
import { type PodPhase } from '../../../../shared/kube/pod.js';
import { PODS } from '../../../../shared/kube/resource-type.js';
import { EXECUTOR_MANAGER, MANAGED_BY_LABEL } from '../../../../shared/plugins/execution-labels.js';
import { POD_POOL, POD_WATCH, PodPlugin, podPluginEntries } from '../../../../shared/plugins/pod/pod-plugin.js';
import { ErrorKind } from '../../../../shared/plugins/execution-error.js';
import { InMemoryResourceManager } from '../../../../shared/plugins/in-memory-resource-manager.js';
import { Phase } from '../../../../shared/plugins/phase.js';
import { PluginRegistry } from '../../../../shared/plugins/plugin-registry.js';
import { containerTaskTemplate } from '../../../../shared/task-action/container-task.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { roundFor, storedTaskAction } from '../../executor/task-action-fixture.js';
import { fakeSetupContext } from '../setup-context-fake.js';
import { FakePods, type PodShape } from './fake-pods.js';
import { podFieldsRead } from '../../../../shared/plugins/pod/pod-fields-read.js';

const template = containerTaskTemplate({ image: 'busybox', retries: 1 });

/** One plugin round: handle, then what the engine would store for the next round. */
async function handle(plugin: PodPlugin, action: TaskAction, client: FakePods, options: { attempt?: number; resources?: InMemoryResourceManager } = {}) {
  const round = roundFor(action, template, client, options);
  const transition = await plugin.handle(round.ctx);
  const state = round.state.newState();
  if (state.written) action.status = { ...action.status, pluginState: state.pluginState, pluginStateVersion: state.pluginStateVersion };
  return { info: transition.info, round };
}

// Every case twice: reads answered by the API server, and by the executor's watch cache (see podFieldsRead).
describe.each<PodShape>(['sent', 'cached'])('PodPlugin, Pods read as %s', (shape) => {
  it('creates the attempt\'s Pod once, then follows its status', async () => {
    const client = new FakePods(shape);
    const plugin = new PodPlugin('container', new InMemoryResourceManager());
    const action = storedTaskAction(template);
    const first = await handle(plugin, action, client);
    expect(first.info.phase).toBe(Phase.Queued);
    expect(first.info.reason).toBe('task submitted to K8s');
    expect([...client.pods.keys()]).toEqual(['acme-proj-dev-r1-a0-a1']);

    client.pods.get('acme-proj-dev-r1-a0-a1')!.status = { phase: 'Running' };
    expect((await handle(plugin, action, client)).info.phase).toBe(Phase.Running);
    client.pods.get('acme-proj-dev-r1-a0-a1')!.status = { phase: 'Succeeded' };
    expect((await handle(plugin, action, client)).info.phase).toBe(Phase.Success);
  });

  it('adopts its own Pod after a restart lost the plugin state, instead of creating another', async () => {
    const client = new FakePods(shape);
    const plugin = new PodPlugin('container', new InMemoryResourceManager());
    const action = storedTaskAction(template);
    await handle(plugin, action, client);
    client.pods.get('acme-proj-dev-r1-a0-a1')!.status = { phase: 'Running' };
    action.status = {};
    const again = await handle(plugin, action, client);
    expect(again.info.phase).toBe(Phase.Running);
    expect(action.status.pluginState).toBeDefined();
    expect(client.pods.size).toBe(1);
  });

  it('waits for a namesake Pod of an earlier TaskAction to go, asking to be called again', async () => {
    const client = new FakePods(shape);
    client.pods.set('acme-proj-dev-r1-a0-a1', {
      metadata: { name: 'acme-proj-dev-r1-a0-a1', ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'x', uid: 'old', controller: true }] },
    });
    const result = await handle(new PodPlugin('container', new InMemoryResourceManager()), storedTaskAction(template), client);
    expect(result.info.phase).toBe(Phase.Queued);
    expect(result.info.reason).toBe('waiting for Pod acme-proj-dev-r1-a0-a1 of an earlier TaskAction with this name to be deleted');
    expect(result.round.refreshRequested()).toBe(true);
  });

  it('reports a Pod deleted behind its back as a system failure', async () => {
    const client = new FakePods(shape);
    const plugin = new PodPlugin('container', new InMemoryResourceManager());
    const action = storedTaskAction(template);
    await handle(plugin, action, client);
    client.pods.clear();
    const info = (await handle(plugin, action, client)).info;
    expect(info.phase).toBe(Phase.RetryableFailure);
    expect(info.err).toEqual({ code: 'ResourceDeletedExternally', kind: ErrorKind.SYSTEM, message: 'Pod flyte/acme-proj-dev-r1-a0-a1 was deleted before the task finished' });
  });

  it('maps the API server\'s refusals: forbidden is retryable, invalid is a bad task specification', async () => {
    const client = new FakePods(shape);
    const plugin = new PodPlugin('container', new InMemoryResourceManager());
    client.createError = new KubeApiError(403, 'Forbidden', 'pods is forbidden: User "x" cannot create resource "pods"');
    const forbidden = (await handle(plugin, storedTaskAction(template), client)).info;
    expect(forbidden.phase).toBe(Phase.RetryableFailure);
    expect(forbidden.err?.code).toBe('Forbidden');
    client.createError = new KubeApiError(403, 'Forbidden', 'pods "p" is forbidden: exceeded quota: q, requested: pods=1');
    expect((await handle(plugin, storedTaskAction(template), client)).info.phase).toBe(Phase.WaitingForResources);
    client.createError = new KubeApiError(422, 'Invalid', 'Pod "p" is invalid: spec.containers[0].image: Required value');
    const invalid = (await handle(plugin, storedTaskAction(template), client)).info;
    expect(invalid.phase).toBe(Phase.PermanentFailure);
    expect(invalid.err?.code).toBe('BadTaskSpecification');
    client.createError = new KubeApiError(500, 'InternalError', 'etcd timeout');
    await expect(handle(plugin, storedTaskAction(template), client)).rejects.toThrow('etcd timeout');
  });

  it('caps running Pods per namespace: the next action waits with the reason until finalize frees a slot', async () => {
    const client = new FakePods(shape);
    const resources = new InMemoryResourceManager();
    const plugin = new PodPlugin('container', resources, { maxPods: 1 });
    const first = storedTaskAction(template, { actionName: 'a1' });
    const second = storedTaskAction(template, { actionName: 'a2' });
    second.metadata.uid = 'uid-2';
    const running = await handle(plugin, first, client, { resources });
    expect(running.info.phase).toBe(Phase.Queued);
    const waiting = await handle(plugin, second, client, { resources });
    expect(waiting.info.phase).toBe(Phase.WaitingForResources);
    expect(waiting.info.reason).toBe('waiting for a Pod slot: the executor already runs its maximum of 1 Pods in namespace flyte');
    expect(resources.inUse(`flyte:${POD_POOL}`)).toBe(1);

    client.pods.get('acme-proj-dev-r1-a1-a1')!.status = { phase: 'Succeeded' };
    await plugin.finalize(running.round.ctx);
    expect(resources.inUse(`flyte:${POD_POOL}`)).toBe(0);
    expect((await handle(plugin, second, client, { resources })).info.phase).toBe(Phase.Queued);
  });

  it('registers a namespace\'s Pod pool once when its first actions are handled at the same time', async () => {
    // As after a restart, when every running action of a namespace has its first round at once.
    const client = new FakePods(shape);
    const resources = new InMemoryResourceManager();
    const plugin = new PodPlugin('container', resources, { maxPods: 2 });
    const [first, second, third] = ['a1', 'a2', 'a3'].map((actionName, i) => {
      const action = storedTaskAction(template, { actionName });
      action.metadata.uid = `uid-${i}`;
      return action;
    }) as [TaskAction, TaskAction, TaskAction];
    const outcomes = await Promise.all([handle(plugin, first, client, { resources }), handle(plugin, second, client, { resources })]);
    expect(outcomes.map((o) => o.info.phase)).toEqual([Phase.Queued, Phase.Queued]);
    expect(resources.inUse(`flyte:${POD_POOL}`)).toBe(2);
    expect((await handle(plugin, third, client, { resources })).info.phase).toBe(Phase.WaitingForResources);
  });

  it('caps Pods per project', async () => {
    const client = new FakePods(shape);
    const resources = new InMemoryResourceManager();
    const plugin = new PodPlugin('container', resources, { maxPodsPerProject: 1 });
    await handle(plugin, storedTaskAction(template, { actionName: 'a1' }), client, { resources });
    const waiting = await handle(plugin, storedTaskAction(template, { actionName: 'a2' }), client, { resources });
    expect(waiting.info.reason).toBe('waiting for a Pod slot: project proj already runs its maximum of 1 Pods');
  });

  it('abort deletes a running Pod but leaves a finished one for its logs', async () => {
    const client = new FakePods(shape);
    const plugin = new PodPlugin('container', new InMemoryResourceManager());
    const action = storedTaskAction(template);
    const { round } = await handle(plugin, action, client);
    client.pods.get('acme-proj-dev-r1-a0-a1')!.status = { phase: 'Failed' };
    await plugin.abort(round.ctx);
    expect(client.deleted).toEqual([]);
    client.pods.get('acme-proj-dev-r1-a0-a1')!.status = { phase: 'Running' };
    await plugin.abort(round.ctx);
    expect(client.deleted).toEqual(['acme-proj-dev-r1-a0-a1']);
    await plugin.abort(round.ctx);
    expect(client.deleted).toHaveLength(1);
  });

  it('registers as Flyte does: container types, and pod/sidecar as the default; both share the Pod pools', async () => {
    const setup = fakeSetupContext();
    const registry = await PluginRegistry.load(setup, podPluginEntries({ maxPods: 2 }));
    expect(registry.taskTypes()).toEqual(['container', 'pod', 'python-task', 'raw-container', 'sidecar']);
    expect(registry.resolve('python-task').getId()).toBe('container');
    expect(registry.resolve('spark').getId()).toBe('pod');
    expect(registry.resolve('container').getProperties().generatedNameMaxLength).toBe(63);

    // One cap for both plugins: the second Pod waits even though another plugin runs it.
    const resources = setup.resourceRegistrar as InMemoryResourceManager;
    const client = new FakePods(shape);
    const first = await handle(registry.resolve('container') as PodPlugin, storedTaskAction(template, { actionName: 'a1' }), client, { resources });
    const second = await handle(registry.resolve('sidecar') as PodPlugin, storedTaskAction(template, { actionName: 'a2' }), client, { resources });
    const third = await handle(registry.resolve('sidecar') as PodPlugin, storedTaskAction(template, { actionName: 'a3' }), client, { resources });
    expect([first.info.phase, second.info.phase, third.info.phase]).toEqual([Phase.Queued, Phase.Queued, Phase.WaitingForResources]);
  });

  it('asks the executor, while loading, to watch the Pods it creates, so Pod changes wake their TaskActions', async () => {
    const setup = fakeSetupContext();
    await PluginRegistry.load(setup, podPluginEntries());
    const request = { resource: PODS, labelSelector: 'app.kubernetes.io/managed-by=kueue-executor', transform: podFieldsRead, hasFinished: POD_WATCH.hasFinished };
    // Both plugins ask; the executor runs one watch for the same type and selector, keeping what they read.
    expect(setup.watched).toEqual([request, request]);
    // A Pod that ended (as the watch cache keeps it) brings its TaskAction's round ahead of the others.
    const hasFinished = POD_WATCH.hasFinished ?? (() => false);
    const pod = (phase: PodPhase) => podFieldsRead({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase } });
    expect((['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const).map((phase) => hasFinished(pod(phase)))).toEqual([false, false, true, true, false]);
  });

  it('labels its Pods so that its own watch sees them', async () => {
    const client = new FakePods(shape);
    const action = storedTaskAction(template);
    await handle(new PodPlugin('container', new InMemoryResourceManager()), action, client);
    const pod = client.pods.get('acme-proj-dev-r1-a0-a1');
    expect(pod?.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: EXECUTOR_MANAGER });
    expect(POD_WATCH.labelSelector).toBe(`${MANAGED_BY_LABEL}=${EXECUTOR_MANAGER}`);
  });
});
