import { afterAll, describe, expect, it } from 'vitest';
import { type Executor } from '../../shared/executor/executor.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { displayPhase } from '../../shared/task-action/display-phase.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { byAction, conditionSet, enqueueRun, historyOf, listRun, runPods, startExecutor, sketches } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sleep', '1000'] });
const RUNNING_FOREVER = { 'kueue.test/outcome': 'Running' };
const STOPPED_MESSAGE = /^stopped on request \(kueue\.dev\/stop at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/;

function phases(actions: TaskAction[]): Record<string, string> {
  return Object.fromEntries(actions.map((a) => [a.spec.actionName, displayPhase(a)]));
}

/** What a stopped action must look like: kept, Aborted with the stop's message, not Progressing. */
function expectStopped(action: TaskAction | undefined): void {
  const conditions = conditionSet(action);
  const failed = conditions.find((c) => c.type === 'Failed');
  expect(failed).toMatchObject({ status: 'True', reason: 'Aborted' });
  expect(failed?.message).toMatch(STOPPED_MESSAGE);
  expect(conditions.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'Aborted' });
  expect(historyOf(action).at(-1)).toBe('Aborted');
}

describe.skipIf(clusterUnavailable())('kubectl kueue stop, the no-executor notice and abort --cascade orphan --wait', () => {
  const ns = useClusterNamespace('run-stop');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  const notice = () => `no executor is running in namespace ${ns.namespace}; start one with kubectl kueue executor\n`;
  let executor: Executor | undefined;

  const runUntilRunning = async (run: string, actions: string[]) => {
    await enqueueRun(
      ns.client,
      ns.namespace,
      run,
      sketches(actions, template, RUNNING_FOREVER),
    );
    await pollUntil(async () => (await listRun(ns.client, ns.namespace, run)).every((a) => displayPhase(a) === 'Running'), {
      timeoutMs: 60_000,
      what: () => `run ${run} to be running`,
    });
  };

  afterAll(async () => {
    await executor?.stop();
  });

  it('without an executor, enqueue, get, tree and wait say so once on stderr', async () => {
    const enqueued = await runCli(['enqueue', '--run', 'idle', '--image', 'busybox:1.36', ...flags(), '--', 'true']);
    expect(enqueued.code).toBe(0);
    expect(enqueued.stderr).toBe(notice());
    const get = await runCli(['get', 'idle', ...flags()]);
    expect(get.stderr).toBe(notice());
    const tree = await runCli(['tree', 'idle', ...flags()]);
    expect(tree.stderr).toBe(notice());
    const wait = await runCli(['wait', 'idle', '--timeout', '1s', ...flags()]);
    expect(wait.code).toBe(2);
    expect(wait.stderr).toBe(`${notice()}error: timed out after 1s waiting for run idle to finish\n`);
  });

  it('stops actions that have not started: they end Aborted without a Pod once an executor runs', async () => {
    const notStarted = ['a0', 'b'].map((name) => ({ name, ...(name === 'a0' ? {} : { parent: 'a0' }), template }));
    await enqueueRun(ns.client, ns.namespace, 'early', notStarted);
    const stopped = await runCli(['stop', 'early', ...flags()]);
    // Nothing acts on the stop yet: say so rather than seem to have stopped anything.
    expect(stopped.stderr).toBe(
      `no executor is running in namespace ${ns.namespace}: the actions stop when one starts (kubectl kueue executor), or abort them instead\n`,
    );
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toBe(['a0', 'b'].map((a) => `taskaction.flyte.org/acme-proj-dev-early-${a} stopped\n`).join(''));
    for (const action of await listRun(ns.client, ns.namespace, 'early')) {
      expect(action.metadata.annotations?.['kueue.dev/stop']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }

    ({ executor } = await startExecutor(ns.client, ns.namespace));
    const waited = await runCli(['stop', 'early', '--wait', '--timeout', '1m', ...flags()]);
    expect(waited.code, waited.stderr).toBe(0);
    const actions = byAction(await listRun(ns.client, ns.namespace, 'early'));
    for (const name of ['a0', 'b']) {
      expectStopped(actions.get(name));
      // Never started: nothing but the abort in its history.
      expect(historyOf(actions.get(name))).toEqual(['Aborted']);
    }
    expect(await runPods(ns.client, ns.namespace, 'early')).toEqual([]);
    const wait = await runCli(['wait', 'early', ...flags()]);
    expect(wait.code).toBe(1);
    expect(wait.stdout).toMatch(/^run early Aborted 0\/2 \(2 aborted\)/);
    // An executor holds the Lease now: no notice any more.
    expect(wait.stderr).toBe('');
  });

  it('stops a running run: the executor deletes its Pods and marks the actions Aborted, keeping them', async () => {
    await runUntilRunning('busy', ['a0', 'b<a0']);
    expect(await runPods(ns.client, ns.namespace, 'busy')).toHaveLength(2);
    const result = await runCli(['stop', 'busy', '--wait', '--timeout', '1m', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(['a0', 'b'].map((a) => `taskaction.flyte.org/acme-proj-dev-busy-${a} stopped\n`).join(''));
    const actions = byAction(await listRun(ns.client, ns.namespace, 'busy'));
    expect([...actions.keys()].sort()).toEqual(['a0', 'b']);
    for (const action of actions.values()) {
      expectStopped(action);
      expect(historyOf(action)).toContain('Executing');
    }
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'busy')).length === 0, { timeoutMs: 30_000, what: () => 'the Pods to be deleted' });

    const again = await runCli(['stop', 'busy', ...flags()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('run "busy" is finished: nothing to stop\n');
  });

  it('stops one action and its descendants; its parent and siblings keep running', async () => {
    await runUntilRunning('part', ['a0', 'b<a0', 'c<b', 'd<a0']);
    const result = await runCli(['stop', 'part', 'b', '--wait', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(['b', 'c'].map((a) => `taskaction.flyte.org/acme-proj-dev-part-${a} stopped\n`).join(''));
    const actions = await listRun(ns.client, ns.namespace, 'part');
    expect(phases(actions)).toEqual({ a0: 'Running', b: 'Aborted', c: 'Aborted', d: 'Running' });
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'part')).length === 2, { timeoutMs: 30_000, what: () => 'the stopped Pods to go' });
    expect((await runPods(ns.client, ns.namespace, 'part')).map((p) => p.metadata.name)).toEqual(['acme-proj-dev-part-a0-a1', 'acme-proj-dev-part-d-a1']);
  });

  it('stop -l and --all stop many runs; finished runs are left alone', async () => {
    await runUntilRunning('many-1', ['a0']);
    await runUntilRunning('many-2', ['a0']);
    const some = await runCli(['stop', '-l', 'flyte.org/run=many-1', '--wait', ...flags()]);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toBe('taskaction.flyte.org/acme-proj-dev-many-1-a0 stopped\n');
    expect(phases(await listRun(ns.client, ns.namespace, 'many-2'))).toEqual({ a0: 'Running' });

    // Everything still running in the namespace: many-2 and what the previous test left running in `part`.
    const all = await runCli(['stop', '--all', '--wait', ...flags()]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.trim().split('\n').sort()).toEqual(
      ['many-2-a0', 'part-a0', 'part-d'].map((name) => `taskaction.flyte.org/acme-proj-dev-${name} stopped`),
    );
    expect(phases(await listRun(ns.client, ns.namespace, 'many-2'))).toEqual({ a0: 'Aborted' });
    const none = await runCli(['stop', '--all', ...flags()]);
    expect(none.stderr).toBe(`no unfinished run in namespace "${ns.namespace}": nothing to stop\n`);
  });

  it('refuses what it cannot stop, naming what to do', async () => {
    const nothing = await runCli(['stop', ...flags()]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toBe('error: name the run to stop\n  hint: e.g. kubectl kueue stop nightly, or --all, or -l SELECTOR for many runs\n');
    const both = await runCli(['stop', 'busy', '--all', ...flags()]);
    expect(both.stderr).toBe('error: give a run name or --all/-l, not both\n');
    const missing = await runCli(['stop', 'nope', ...flags()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: run "nope" not found in namespace "${ns.namespace}"\n  hint: check the name and namespace; kubectl kueue get -l flyte.org/is-root=true lists the runs\n`,
    );
    const noAction = await runCli(['stop', 'busy', 'zzz', ...flags()]);
    expect(noAction.code).toBe(1);
    expect(noAction.stderr).toBe(`error: action "zzz" not found in run "busy" (namespace "${ns.namespace}")\n  hint: the run's actions are: a0, b\n`);
  });

  it('abort --cascade orphan --wait returns once the deleted root is gone, leaving its children', async () => {
    await enqueueRun(ns.client, ns.namespace, 'orphans', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template },
      { name: 'c', parent: 'b', template },
    ]);
    const result = await runCli(['abort', 'run', 'orphans', '--cascade', 'orphan', '--wait', '--timeout', '30s', '--org', 'acme', '--project', 'proj', '--domain', 'dev', ...flags()]);
    // Nothing holds the root back (it may be gone before the first look): only its own deletion is waited for.
    expect(result.stderr).toMatch(/^(waiting: 1 TaskAction\(s\) left\n)?waiting: 0 TaskAction\(s\) left\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('taskaction.flyte.org/acme-proj-dev-orphans-a0 deleted\n');
    const left = await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=orphans' });
    expect(left.items.map((a) => a.spec.actionName).sort()).toEqual(['b', 'c']);
  });
});
