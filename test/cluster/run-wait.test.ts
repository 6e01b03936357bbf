import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor } from '../../shared/executor/executor.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { waitForRun } from '../../shared/runs/wait-for-run.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { displayPhase } from '../../shared/task-action/display-phase.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, listRun, startExecutor } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });
const RUNNING_FOREVER = { 'kueue.test/outcome': 'Running' };
const FAILS = { 'kueue.test/outcome': 'Failed' };

describe.skipIf(clusterUnavailable())('kubectl kueue wait and enqueue --wait, with an executor running', () => {
  const ns = useClusterNamespace('run-wait');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  let executor: Executor | undefined;

  beforeAll(async () => {
    // The default Lease name: the one `get`, `tree`, `wait` and `enqueue` look at to tell whether an executor runs.
    ({ executor } = await startExecutor(ns.client, ns.namespace));
    await pollUntil(() => Promise.resolve(executor?.isLeader === true), { timeoutMs: 20_000, what: () => 'the executor to lead' });
  });
  afterAll(async () => {
    await executor?.stop();
  });

  it('exits 0 and prints the status line when every action succeeded', async () => {
    await enqueueRun(ns.client, ns.namespace, 'ok', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template },
    ]);
    const result = await runCli(['wait', 'ok', ...flags()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run ok Succeeded 2\/2 in \d+s\n$/);
  });

  it('exits 1 when an action failed, counting it', async () => {
    await enqueueRun(ns.client, ns.namespace, 'bad', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template, annotations: FAILS },
    ]);
    const result = await runCli(['wait', 'bad', '--timeout', '2m', ...flags()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^run bad Failed 1\/2 \(1 failed\) in \d+s\n$/);
  });

  it('watch and tree -w end by themselves once the run is finished, with wait\'s exit codes', async () => {
    // Without these endings a watch never exits: awaiting the exit is the test (no timing assertion).
    const ok = await runCli(['watch', 'ok', ...flags()]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    // Off a terminal: the final state once, no redraw codes and no repeated rendering.
    expect(ok.stdout.split('Run ok ')).toHaveLength(2);
    expect(ok.stdout).toMatch(/^Run ok {3}Succeeded {3}2\/2 /);
    expect(ok.stdout).not.toContain('\u001b[');
    const bad = await runCli(['tree', 'bad', '-w', ...flags()]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^Run bad {3}Failed {3}1\/2 /);
  });

  it('exits 2 when the timeout runs out first, and says so', async () => {
    await enqueueRun(ns.client, ns.namespace, 'slow', [{ name: 'a0', template, annotations: RUNNING_FOREVER }]);
    const result = await runCli(['wait', 'slow', '--timeout', '2s', ...flags()]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^run slow (Pending|Running) 0\/1( for \d+s)?\n$/);
    expect(result.stderr).toBe('error: timed out after 2s waiting for run slow to finish\n');
  });

  it('ends with a clear message when the run is deleted while waiting', async () => {
    await enqueueRun(ns.client, ns.namespace, 'gone', [{ name: 'a0', template, annotations: RUNNING_FOREVER }]);
    await pollUntil(async () => (await listRun(ns.client, ns.namespace, 'gone')).some((a) => displayPhase(a) === 'Running'), {
      timeoutMs: 30_000,
      what: () => 'the action to run',
    });
    // The core function the CLI and the editor share: its first update says the wait has read the run.
    let seen: () => void = () => {};
    const read = new Promise<void>((resolve) => (seen = resolve));
    const waiting = waitForRun(ns.client, { namespace: ns.namespace, runName: 'gone' }, { onUpdate: () => seen() });
    await read;
    await ns.client.delete(TASKACTIONS, ns.namespace, 'acme-proj-dev-gone-a0');
    await expect(waiting).rejects.toThrow(new RegExp(`^run "gone" in namespace "${ns.namespace}" was deleted while waiting \\(last seen Running 0/1\\)$`));
  });

  it('refuses a run that does not exist, and bad flags', async () => {
    const missing = await runCli(['wait', 'nope', ...flags()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: run "nope" in namespace "${ns.namespace}" not found\n  hint: check the name and namespace; kubectl kueue get -l flyte.org/is-root=true lists the runs\n`,
    );
    const badTimeout = await runCli(['wait', 'ok', '--timeout', 'soon', ...flags()]);
    expect(badTimeout.code).toBe(1);
    expect(badTimeout.stderr).toMatch(/^error: invalid duration "soon" for --timeout\n/);
    const timeoutAlone = await runCli(['enqueue', '--run', 'x', '--image', 'busybox', '--timeout', '1m', ...flags(), '--', 'true']);
    expect(timeoutAlone.stderr).toBe('error: --timeout needs --wait\n');
    const dryWait = await runCli(['enqueue', '--run', 'x', '--image', 'busybox', '--wait', '--dry-run', ...flags(), '--', 'true']);
    expect(dryWait.stderr).toBe('error: --wait cannot be combined with --dry-run: a dry run creates nothing to wait for\n');
  });

  it('enqueue --wait creates the run, waits for it and exits with its outcome; no notice while an executor runs', async () => {
    const ok = await runCli(['enqueue', '--run', 'ew', '--image', 'busybox:1.36', '--wait', '--timeout', '2m', ...flags(), '--', 'true']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^taskaction\.flyte\.org\/local-default-development-ew-a0 created\nrun ew Succeeded 1\/1 in \d+s\n$/);

    const failed = await runCli(['enqueue', '--run', 'ewf', '--image', 'busybox:1.36', '--annotation', 'kueue.test/outcome=Failed', '--wait', ...flags(), '--', 'false']);
    expect(failed.stderr).toBe('');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/\nrun ewf Failed 0\/1 \(1 failed\) in \d+s\n$/);

    const plain = await runCli(['enqueue', '--run', 'quiet', '--image', 'busybox:1.36', ...flags(), '--', 'true']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
  });
});
