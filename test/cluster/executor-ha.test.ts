import { type ChildProcess, spawn } from 'node:child_process';
import { executionLedger } from '../../shared/task-action/execution-ledger.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Executor } from '../../shared/executor/executor.js';
import { type Lease } from '../../shared/executor/lease-record.js';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { LEASES } from '../../shared/kube/resource-type.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { CLI_BUNDLE, assertBuilt, runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import {
  type ActionSketch,
  enqueueRun,
  historyOf,
  isFailed,
  isSucceeded,
  listRun,
  reportedTransitions,
  runPods,
  startExecutor,
  waitForRun,
} from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

function fan(count: number, annotations: Record<string, string> = {}): ActionSketch[] {
  return [
    { name: 'a0', template, annotations },
    ...Array.from({ length: count - 1 }, (_, i) => ({ name: `n${i + 1}`, parent: 'a0', template, annotations })),
  ];
}

/** Every attempt's Pod exists exactly once: names are `<action>-a<attempt>` for attempts 1..status.attempts. */
async function expectOnePodPerAttempt(client: KubeClient, namespace: string, runName: string): Promise<void> {
  const pods = (await runPods(client, namespace, runName)).map((p) => p.metadata.name);
  const actions = await listRun(client, namespace, runName);
  const expected = actions.flatMap((a) => Array.from({ length: executionLedger(a.status).attempts ?? 1 }, (_, i) => `${a.metadata.name ?? ''}-a${i + 1}`)).sort();
  expect(pods).toEqual(expected);
}

describe.skipIf(clusterUnavailable())('executor restarts and leader election', () => {
  const ns = useClusterNamespace('exec-ha');
  const stopLater: Executor[] = [];
  const children: ChildProcess[] = [];

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(stopLater.splice(0).map((e) => e.stop()));
  });

  it('a killed executor\'s successor resumes from the TaskAction status: no duplicate Pod, no lost transition', async () => {
    assertBuilt();
    await enqueueRun(ns.client, ns.namespace, 'resume', fan(4, { 'kueue.test/duration': '6s' }));
    const args = ['executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--lease-name', 'resume', '--lease-duration', '2s', '-o', 'json'];
    const first = spawn(process.execPath, [CLI_BUNDLE, ...args, '--identity', 'first'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(first);
    let firstOut = '';
    first.stdout?.on('data', (d: Buffer) => (firstOut += d.toString()));
    await waitForRun(ns.client, ns.namespace, 'resume', (all) => all.length === 4 && all.every((a) => historyOf(a).at(-1) === 'Executing'));
    // The executor prints a transition once its write is answered, which can be after a watcher saw the write.
    const startsPrinted = () => firstOut.split('\n').filter((line) => line.includes('"phase":"Executing"')).length;
    await pollUntil(() => Promise.resolve(startsPrinted() === 4), { timeoutMs: 15_000, what: () => `the first executor to print 4 starts (${String(startsPrinted())})` });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const lease = await ns.client.get<Lease>(LEASES, ns.namespace, 'resume');
    expect(lease.spec?.holderIdentity).toBe('first');

    const second = await runCli([...args, '--identity', 'second', '--until-idle']);
    expect(second.code).toBe(0);
    const done = await waitForRun(ns.client, ns.namespace, 'resume', (all) => all.every(isSucceeded));
    for (const action of done) expect(historyOf(action)).toEqual(['Queued', 'Executing', 'Completed']);
    await expectOnePodPerAttempt(ns.client, ns.namespace, 'resume');
    // The first executor reported the starts; its successor only what happened after it took over.
    const phases = (out: string) => out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { actionName: string; phase: string });
    expect(phases(firstOut).filter((t) => t.phase === 'Executing')).toHaveLength(4);
    expect(phases(second.stdout).map((t) => t.phase)).toEqual(['Completed', 'Completed', 'Completed', 'Completed']);
    expect(second.stderr).toContain('msg="became the leader" lease=');
    expect((await ns.client.get<Lease>(LEASES, ns.namespace, 'resume')).spec?.holderIdentity).toBeUndefined();
  });

  it('two executors at once: one leads, the other stands by, and every attempt gets exactly one Pod', async () => {
    // A lease far longer than a release takes: a takeover well before it expires can only come from the release.
    const slowExpiry = { leaseDurationMs: 30_000, renewDeadlineMs: 20_000 };
    const a = await startExecutor(ns.client, ns.namespace, { leaseName: 'pair', identity: 'a', ...slowExpiry });
    const b = await startExecutor(ns.client, ns.namespace, { leaseName: 'pair', identity: 'b', ...slowExpiry });
    stopLater.push(a.executor, b.executor);
    await pollUntil(() => Promise.resolve(a.executor.isLeader || b.executor.isLeader), { timeoutMs: 10_000, what: () => 'a leader' });
    const [leader, standby] = a.executor.isLeader ? [a, b] : [b, a];
    await pollUntil(() => Promise.resolve(standby.executor.stats().leaderIdentity === leader.executor.identity), {
      timeoutMs: 5_000,
      what: () => 'the standby to see who leads',
    });
    expect(standby.executor.isLeader).toBe(false);

    await enqueueRun(ns.client, ns.namespace, 'pair', [
      ...fan(6),
      { name: 'flaky', parent: 'a0', template: containerTaskTemplate({ image: 'busybox', retries: 1 }), annotations: { 'kueue.test/outcome': 'Failed' } },
    ]);
    const done = await waitForRun(ns.client, ns.namespace, 'pair', (all) => all.length === 7 && all.every((x) => isSucceeded(x) || isFailed(x)));
    expect(done.filter(isFailed).map((x) => x.spec.actionName)).toEqual(['flaky']);
    await expectOnePodPerAttempt(ns.client, ns.namespace, 'pair');
    expect(standby.transitions).toEqual([]);
    const reported = await reportedTransitions(leader, 'pair', (ts) => ts.filter((t) => t.phase === 'Completed' || t.phase === 'PermanentFailure').length === 7);
    expect(reported.length).toBeGreaterThanOrEqual(7 * 3);

    // The leader stops and releases the lease: the standby takes over at once and runs what comes next.
    const stoppedAt = Date.now();
    await leader.executor.stop();
    await pollUntil(() => Promise.resolve(standby.executor.isLeader), { timeoutMs: 15_000, what: () => 'the standby to take over' });
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    await enqueueRun(ns.client, ns.namespace, 'after', fan(2));
    await waitForRun(ns.client, ns.namespace, 'after', (all) => all.length === 2 && all.every(isSucceeded));
    await reportedTransitions(standby, 'after', (ts) => ts.filter((t) => t.phase === 'Completed').length === 2);
    expect(leader.transitions.filter((t) => t.runName === 'after')).toEqual([]);
  });

  it('even racing without the lease, executors never create a second Pod for an attempt', async () => {
    const racers = await Promise.all(
      ['x', 'y', 'z'].map((identity) => startExecutor(ns.client, ns.namespace, { identity, leaderElection: false, concurrency: 4 })),
    );
    stopLater.push(...racers.map((r) => r.executor));
    await enqueueRun(ns.client, ns.namespace, 'race', [
      ...fan(8),
      { name: 'flaky', parent: 'a0', template: containerTaskTemplate({ image: 'busybox', retries: 2 }), annotations: { 'kueue.test/outcome': 'Failed' } },
    ]);
    const done = await waitForRun(ns.client, ns.namespace, 'race', (all) => all.length === 9 && all.every((x) => isSucceeded(x) || isFailed(x)));
    const flaky = done.find((x) => x.spec.actionName === 'flaky');
    expect(executionLedger(flaky?.status).attempts).toBe(3);
    expect(historyOf(flaky).filter((p) => p === 'RetryableFailure')).toHaveLength(2);
    await expectOnePodPerAttempt(ns.client, ns.namespace, 'race');
  });

  it('a standby takes over when the leader dies without releasing the lease, after the lease expires', async () => {
    assertBuilt();
    const args = ['executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--lease-name', 'dies', '--lease-duration', '2s'];
    const leader = spawn(process.execPath, [CLI_BUNDLE, ...args, '--identity', 'doomed'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(leader);
    await pollUntil(
      async () => (await ns.client.get<Lease>(LEASES, ns.namespace, 'dies').catch(() => undefined))?.spec?.holderIdentity === 'doomed',
      { timeoutMs: 20_000, what: () => 'the first executor to take the lease' },
    );
    const standby = await startExecutor(ns.client, ns.namespace, { leaseName: 'dies', identity: 'heir', leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 200 });
    stopLater.push(standby.executor);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(standby.executor.isLeader).toBe(false);
    const killedAt = Date.now();
    leader.kill('SIGKILL');
    // It must wait for the lease to expire (no release came), then take it: pollUntil bounds the wait.
    await pollUntil(() => Promise.resolve(standby.executor.isLeader), { timeoutMs: 20_000, what: () => 'the standby to take over' });
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(500);
    const lease = await ns.client.get<Lease>(LEASES, ns.namespace, 'dies');
    expect(lease.spec?.holderIdentity).toBe('heir');
    expect(lease.spec?.leaseTransitions).toBe(1);
  });
});
