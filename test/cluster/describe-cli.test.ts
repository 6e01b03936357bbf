import { afterAll, describe, expect, it } from 'vitest';
import { type ActionDetails, type RunDetails } from '../../shared/describe/index.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../shared/task-action/pod-task.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, isFailed, isSucceeded, type RunningExecutor, startExecutor, waitForRun } from './executor-fixtures.js';

describe.skipIf(clusterUnavailable())('kubectl kueue describe', () => {
  const ns = useClusterNamespace('describe');
  let running: RunningExecutor | undefined;
  const describeCli = (...args: string[]) => runCli(['describe', ...args, '--kubeconfig', ns.kubeconfig, '-n', ns.namespace]);

  afterAll(async () => {
    await running?.executor.stop();
  });

  it('shows the task, conditions, phase history, every attempt with its exit code, the last error, Events and the after list', async () => {
    const failing = { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '3', 'kueue.test/reason': 'Error', 'kueue.test/duration': '100ms' };
    const steps = [
      { name: 'fetch', image: 'busybox:1.36', command: ['sh', '-c', 'echo fetch'] },
      { name: 'train', image: 'busybox:1.36', command: ['sh', '-c', 'echo train'] },
    ];
    await enqueueRun(ns.client, ns.namespace, 'shown', [
      { name: 'a0', template: podTaskTemplate({ podSpec: { containers: steps }, sequential: true }) },
      { name: 'flaky', parent: 'a0', template: containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'], retries: 1 }), annotations: { ...failing, 'kueue.dev/after': 'a0' } },
    ]);
    running = await startExecutor(ns.client, ns.namespace);
    await waitForRun(ns.client, ns.namespace, 'shown', (actions) => actions.length === 2 && actions.some(isSucceeded) && actions.some(isFailed));

    const json = await describeCli('shown', 'flaky', '-o', 'json');
    expect(json.stderr).toBe('');
    const details = JSON.parse(json.stdout) as ActionDetails;
    expect(details).toMatchObject({ run: 'shown', action: 'flaky', parent: 'a0', phase: 'Failed', after: ['a0'] });
    expect(details.task).toMatchObject({ taskType: 'container', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'], retries: 1 });
    expect(details.attempts.map((a) => [a.attempt, a.pod, a.phase, a.exitCode, a.reason])).toEqual([
      [1, 'acme-proj-dev-shown-flaky-a1', 'Failed', 3, 'Error'],
      [2, 'acme-proj-dev-shown-flaky-a2', 'Failed', 3, 'Error'],
    ]);
    expect(details.conditions.find((c) => c.type === 'Failed')?.status).toBe('True');
    expect(details.phaseHistory.length).toBeGreaterThan(1);
    expect(details.lastError).toMatch(/3/);
    expect(details.events.some((e) => e.object === 'TaskAction/acme-proj-dev-shown-flaky')).toBe(true);

    const text = (await describeCli('shown', 'flaky')).stdout;
    for (const heading of [/^Phase:\s+Failed$/m, /^After:\s+a0$/m, /^Task:$/m, /^Conditions:$/m, /^Phase History:$/m, /^Attempts:$/m, /^Last Error:\s+\S/m, /^Events:$/m]) {
      expect(text).toMatch(heading);
    }
    expect(text).toMatch(/^\s+2\s+acme-proj-dev-shown-flaky-a2\s+Failed\s+\S+\s+3\s+Error/m);

    const root = JSON.parse((await describeCli('shown', 'a0', '-o', 'json')).stdout) as ActionDetails;
    expect(root.task).toMatchObject({ taskType: 'sidecar', sequential: true });
    expect(root.task.containers?.map((c) => c.name)).toEqual(['fetch', 'train']);
    expect(root.after).toEqual([]);
    expect((await describeCli('shown', 'a0')).stdout).toContain('Containers (steps, run one after the other):');

    const run = JSON.parse((await describeCli('shown', '-o', 'yaml', '-o', 'json')).stdout) as RunDetails;
    expect(run.actions.map((a) => [a.action, a.phase, a.attempts])).toEqual([
      ['a0', 'Succeeded', 1],
      ['flaky', 'Failed', 2],
    ]);
    // The run's status comes from all of its actions: the root succeeded, a child failed, so the run failed.
    expect(run.status).toMatchObject({ phase: 'Failed', finished: true, progress: '1/2', failed: 1 });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const runText = (await describeCli('shown')).stdout;
    expect(runText).toMatch(/^\s+flaky\s+a0\s+Failed\s+2\s/m);
    expect(runText).toMatch(/^Status:\s+Failed$/m);
    expect(runText).toMatch(/^Progress:\s+1\/2 succeeded, 1 failed$/m);
  });

  it('shows the running step of a sequential Pod, why an action waits, and the run\'s reason, as the editor does', async () => {
    const forever = { 'kueue.test/outcome': 'Running' };
    const steps = ['fetch', 'train', 'publish'].map((name) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', `echo ${name}`] }));
    await enqueueRun(ns.client, ns.namespace, 'stepping', [
      { name: 'a0', template: podTaskTemplate({ podSpec: { containers: steps }, sequential: true }), annotations: forever },
      { name: 'pull', parent: 'a0', template: containerTaskTemplate({ image: 'registry.invalid/nope:1' }), annotations: { 'kueue.test/outcome': 'ImagePullBackOff' } },
      { name: 'later', parent: 'a0', template: containerTaskTemplate({ image: 'busybox:1.36' }), annotations: { ...forever, 'kueue.dev/after': 'pull' } },
    ]);
    running ??= await startExecutor(ns.client, ns.namespace);
    const progressOf = (a: { status?: { conditions?: { type: string; message: string }[] } } | undefined) => a?.status?.conditions?.find((c) => c.type === 'Progressing')?.message ?? '';
    await waitForRun(ns.client, ns.namespace, 'stepping', (actions) => {
      const named = (n: string) => actions.find((a) => a.spec.actionName === n);
      return progressOf(named('a0')).startsWith('step ') && progressOf(named('pull')).startsWith('[ImagePullBackOff]') && progressOf(named('later')) === 'waiting for pull';
    });

    const root = JSON.parse((await describeCli('stepping', 'a0', '-o', 'json')).stdout) as ActionDetails;
    expect(root.step).toBe('step 1/3 running: fetch');
    expect(root.waiting).toBeUndefined();
    expect((await describeCli('stepping', 'a0')).stdout).toMatch(/^Step:\s+step 1\/3 running: fetch$/m);
    const pull = JSON.parse((await describeCli('stepping', 'pull', '-o', 'json')).stdout) as ActionDetails;
    expect(pull.waiting).toMatch(/^waiting: image pull: \[ImagePullBackOff\] container "[a-z0-9-]+": Back-off pulling image/);
    expect((await describeCli('stepping', 'later')).stdout).toMatch(/^Waiting:\s+waiting for pull: waiting for pull$/m);
    const runText = (await describeCli('stepping')).stdout;
    expect(runText).toMatch(/^Waiting:\s+waiting: image pull \(pull\)$/m);
    // tree's header says the same as the run's row in the editor.
    const tree = await runCli(['tree', 'stepping', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace]);
    expect(tree.stdout).toMatch(/^Run stepping {3}Running {3}0\/3 {3}waiting: image pull \(pull\) {3}/m);
  });

  it('refuses an unknown run, action or output format with what exists', async () => {
    await enqueueRun(ns.client, ns.namespace, 'known', [{ name: 'a0', template: containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] }) }]);
    const unknownRun = await describeCli('unknown');
    expect([unknownRun.code, unknownRun.stderr]).toEqual([1, expect.stringMatching(/run "unknown" not found in namespace/)]);
    expect((await describeCli('known', 'b')).stderr).toMatch(/run "known" has no action "b"[\s\S]*its actions: a0/);
    expect((await describeCli('known', '-o', 'wide')).stderr).toMatch(/--output must be one of yaml\|json\|jsonpath=\.\.\.\|.*, got "wide"/);
    // kubectl's template formats work on the same data.
    expect((await describeCli('known', 'a0', '-o', 'jsonpath={.action} {.phase}')).stdout).toMatch(/^a0 [A-Z][a-z]+$/);
    expect((await describeCli('known', '-o', 'custom-columns=RUN:.run,TOTAL:.status.total')).stdout).toMatch(/^RUN\s+TOTAL\nknown\s+1\n$/);
  });
});
