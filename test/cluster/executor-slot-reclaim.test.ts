import { afterEach, describe, expect, it } from 'vitest';
import { type Pod } from '../../shared/kube/pod.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { type RunningExecutor, enqueueRun, historyOf, isSucceeded, startExecutor, waitForRun } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

describe.skipIf(clusterUnavailable())('Pod slots across an executor restart', () => {
  const ns = useClusterNamespace('exec-slots');
  const running: RunningExecutor[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.executor.stop()));
  });

  it('running Pods take their slots back before any new Pod starts: the cap holds through the restart', async () => {
    const plugins = podPluginEntries({ maxPods: 2 });
    const first = await startExecutor(ns.client, ns.namespace, { plugins });
    running.push(first);
    const held = { 'kueue.test/duration': '6s' };
    await enqueueRun(ns.client, ns.namespace, 'zz-held', [
      { name: 'a0', template, annotations: held },
      { name: 'b', parent: 'a0', template, annotations: held },
    ]);
    await waitForRun(ns.client, ns.namespace, 'zz-held', (all) => all.length === 2 && all.every((a) => historyOf(a).at(-1) === 'Executing'));
    await first.executor.stop();
    running.splice(0);

    // Enqueued while no executor runs, and named to come first in every listing: the new executor meets them first.
    await enqueueRun(ns.client, ns.namespace, 'aa-new', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template },
      { name: 'c', parent: 'a0', template },
    ]);
    const live = new Set<string>();
    let most = 0;
    const seen: string[] = [];
    const watch = ns.client.watch<Pod>(PODS, ns.namespace, {}, (event) => {
      const name = event.object.metadata.name ?? '';
      const finished = event.object.status?.phase === 'Succeeded' || event.object.status?.phase === 'Failed';
      if (event.type === 'DELETED' || finished) live.delete(name);
      else live.add(name);
      most = Math.max(most, live.size);
      seen.push(`${event.type} ${name} ${event.object.status?.phase ?? ''}: ${[...live].join(' ')}`);
    });
    try {
      running.push(await startExecutor(ns.client, ns.namespace, { plugins }));
      await waitForRun(ns.client, ns.namespace, 'aa-new', (all) => all.length === 3 && all.every(isSucceeded));
      await waitForRun(ns.client, ns.namespace, 'zz-held', (all) => all.every(isSucceeded));
      expect(most, seen.join('\n')).toBe(2);
    } finally {
      watch.stop();
    }
  });
});
