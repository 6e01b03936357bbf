import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type Executor } from '../../shared/executor/executor.js';
import { type TransitionEvent } from '../../shared/executor/transition-event.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type KubeClient, type RequestOptions } from '../../shared/kube/kube-client.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { qualifiedPlural, type ResourceType } from '../../shared/kube/resource-type.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { executionLedger } from '../../shared/task-action/execution-ledger.js';
import { type Lease } from '../../shared/executor/lease-record.js';
import { LEASES } from '../../shared/kube/resource-type.js';
import { BlackholeProxy } from '../helpers/blackhole-proxy.js';
import { CLI_BUNDLE, assertBuilt } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { type ActionSketch, enqueueRun, historyOf, isFailed, isSucceeded, listRun, runPods, startExecutor, waitForRun } from './executor-fixtures.js';

/** Quick election so the test is short; the deadline is well inside the duration, as the defaults are (10 s of 15 s). */
const ELECTION = { leaseDurationMs: 6000, renewDeadlineMs: 4000, retryPeriodMs: 500 };

interface SentWrite {
  what: string;
  atMs: number;
}

/**
 * The client with every write recorded at the moment it goes on the wire (after the executor's own fence said
 * yes): what the process really sent, to the millisecond, which the API server's second-precision records cannot say.
 */
function recordingWrites(client: KubeClient, sent: SentWrite[]): KubeClient {
  const recorded = (what: string, options: RequestOptions | undefined): RequestOptions => ({
    ...options,
    beforeSend: () => {
      options?.beforeSend?.();
      sent.push({ what, atMs: Date.now() });
    },
  });
  const name = (type: ResourceType, objectName: string | undefined) => `${qualifiedPlural(type)}/${objectName ?? ''}`;
  return {
    namespace: client.namespace,
    get: (type, namespace, objectName, options) => client.get(type, namespace, objectName, options),
    list: (type, namespace, options) => client.list(type, namespace, options),
    create: (type, namespace, body, options) => client.create(type, namespace, body, { ...options, ...recorded(`create ${name(type, body.metadata.name ?? body.metadata.generateName)}`, options) }),
    replace: (type, namespace, body, options) => client.replace(type, namespace, body, { ...options, ...recorded(`replace ${name(type, body.metadata.name)}${options?.subresource === 'status' ? '/status' : ''}`, options) }),
    patch: (type, namespace, objectName, patch, patchType, options) => client.patch(type, namespace, objectName, patch, patchType, { ...options, ...recorded(`patch ${name(type, objectName)}`, options) }),
    delete: (type, namespace, objectName, options) => client.delete(type, namespace, objectName, { ...options, ...recorded(`delete ${name(type, objectName)}`, options) }),
    watch: (type, namespace, options, onEvent) => client.watch(type, namespace, options, onEvent),
    getRaw: (path, query) => client.getRaw(path, query),
    streamRaw: (path, query, onText) => client.streamRaw(path, query, onText),
  };
}

interface ManagedFieldsEntry {
  manager?: string;
  time?: string;
  subresource?: string;
}

/** The times the API server recorded for writes by one field manager (the client's User-Agent), per object. */
function writesBy(objects: KubeObject[], manager: string): { object: string; time: number }[] {
  return objects.flatMap((object) =>
    ((object.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? [])
      .filter((entry) => entry.manager === manager && entry.time !== undefined)
      .map((entry) => ({ object: `${object.kind ?? ''}/${object.metadata.name ?? ''}${entry.subresource ? `/${entry.subresource}` : ''}`, time: Date.parse(entry.time ?? '') })),
  );
}

describe.skipIf(clusterUnavailable())('a deposed leader: cut off from the API server, or frozen', () => {
  const ns = useClusterNamespace('exec-part');
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('stops acting at its renew deadline, the standby takes over, and nothing the old leader had in flight is written', async () => {
    const direct = loadConnection({ kubeconfig: ns.kubeconfig, namespace: ns.namespace }, {});
    const api = new URL(direct.server);
    const proxy = await BlackholeProxy.start({ host: api.hostname, port: Number(api.port) });
    cleanup.push(() => proxy.close());
    const oldClient = new HttpKubeClient({
      ...loadConnection({ kubeconfig: ns.kubeconfig, namespace: ns.namespace, server: `https://127.0.0.1:${proxy.port}` }, {}),
      userAgent: 'kueue-old',
    });
    const newClient = new HttpKubeClient({ ...direct, userAgent: 'kueue-new' });
    cleanup.push(() => Promise.resolve(oldClient.close()), () => Promise.resolve(newClient.close()));

    const oldSent: SentWrite[] = [];
    const oldReported: { transition: TransitionEvent; atMs: number }[] = [];
    const leadership: { leading: boolean; atMs: number }[] = [];
    const old = await startExecutor(recordingWrites(oldClient, oldSent), ns.namespace, {
      ...ELECTION,
      leaseName: 'partition',
      identity: 'old',
      requestTimeoutMs: 5000,
      onTransition: (transition) => oldReported.push({ transition, atMs: Date.now() }),
      onLeadershipChange: (leading) => leadership.push({ leading, atMs: Date.now() }),
    });
    const stopOld = (e: Executor) => () => e.stop();
    cleanup.push(stopOld(old.executor));
    await pollUntil(() => Promise.resolve(old.executor.isLeader), { timeoutMs: 20_000, what: () => 'the first executor to lead' });
    let takenOverAt = 0;
    const heir = await startExecutor(newClient, ns.namespace, {
      ...ELECTION,
      leaseName: 'partition',
      identity: 'new',
      onLeadershipChange: (leading) => {
        if (leading && takenOverAt === 0) takenOverAt = Date.now();
      },
    });
    cleanup.push(stopOld(heir.executor));

    // Long enough to be running when the network goes, short enough to end while it is gone; one fails and retries.
    const running = { 'kueue.test/duration': '6s' };
    const sketch: ActionSketch[] = [
      { name: 'a0', template: containerTaskTemplate({ image: 'busybox', command: ['true'] }), annotations: running },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `n${i + 1}`, parent: 'a0', template: containerTaskTemplate({ image: 'busybox', command: ['true'] }), annotations: running })),
      { name: 'flaky', parent: 'a0', template: containerTaskTemplate({ image: 'busybox', retries: 1 }), annotations: { 'kueue.test/outcome': 'Failed', 'kueue.test/duration': '2s' } },
    ];
    await enqueueRun(ns.client, ns.namespace, 'cut', sketch);
    await waitForRun(ns.client, ns.namespace, 'cut', (all) => all.length === 10 && all.filter((a) => historyOf(a).includes('Executing')).length >= 5);
    expect(heir.transitions).toEqual([]);

    const cutAt = Date.now();
    proxy.blackhole();
    await pollUntil(() => Promise.resolve(leadership.some((l) => !l.leading)), {
      timeoutMs: ELECTION.renewDeadlineMs + 20_000,
      what: () => 'the cut-off leader to step down',
    });
    const lostAt = leadership.find((l) => !l.leading)?.atMs ?? 0;
    expect(old.executor.isLeader).toBe(false);
    // Within its renew deadline of the last renewal before the cut (plus room for a loaded machine)...
    expect(lostAt - cutAt).toBeLessThan(ELECTION.renewDeadlineMs + 5_000);
    await pollUntil(() => Promise.resolve(heir.executor.isLeader), { timeoutMs: ELECTION.leaseDurationMs + 20_000, what: () => 'the standby to take over' });
    // ...and before anyone else could act: the standby waited for the lease to expire.
    expect(takenOverAt).toBeGreaterThan(lostAt);

    // The network comes back while the old leader still has reconciles and requests of its own in flight.
    proxy.restore();
    const done = await waitForRun(ns.client, ns.namespace, 'cut', (all) => all.length === 10 && all.every((a) => isSucceeded(a) || isFailed(a)), 90_000);
    await pollUntil(() => Promise.resolve(old.executor.stats().leaderIdentity === 'new'), { timeoutMs: 20_000, what: () => 'the old leader to see the new one' });
    expect(old.executor.isLeader).toBe(false);

    // Every action ended as it should, with exactly one Pod per attempt.
    expect(done.filter(isFailed).map((a) => a.spec.actionName)).toEqual(['flaky']);
    expect(executionLedger(done.find((a) => a.spec.actionName === 'flaky')?.status).attempts).toBe(2);
    const pods = await runPods(ns.client, ns.namespace, 'cut');
    const expectedPods = done.flatMap((a) => Array.from({ length: executionLedger(a.status).attempts ?? 1 }, (_, i) => `${a.metadata.name ?? ''}-a${i + 1}`)).sort();
    expect(pods.map((p) => p.metadata.name)).toEqual(expectedPods);

    // Nothing left the old leader after it lost the lease: no status, finalizer, Pod or Event write...
    expect(oldSent.filter((w) => w.atMs >= lostAt)).toEqual([]);
    expect(oldReported.filter((r) => r.atMs >= lostAt).map((r) => `${r.transition.actionName}>${r.transition.phase}`)).toEqual([]);
    expect(oldReported.length).toBeGreaterThan(0);
    // ...and the API server holds no write of its made after then (its times are whole seconds, so they are at most lostAt).
    const actions = await listRun(ns.client, ns.namespace, 'cut');
    const late = writesBy([...actions, ...pods], 'kueue-old').filter((w) => w.time > lostAt);
    expect(late).toEqual([]);
    // The new leader finished what the old one started.
    expect(writesBy(actions, 'kueue-new').length).toBeGreaterThan(0);
  });

  it('a leader frozen past its lease (SIGSTOP) and resumed writes nothing once it wakes', async () => {
    assertBuilt();
    const newClient = new HttpKubeClient({ ...loadConnection({ kubeconfig: ns.kubeconfig, namespace: ns.namespace }, {}), userAgent: 'kueue-new' });
    cleanup.push(() => Promise.resolve(newClient.close()));
    const args = ['executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--lease-name', 'frozen', '--lease-duration', '3s', '--identity', 'frozen', '-o', 'json'];
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    cleanup.push(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    });
    await pollUntil(async () => (await ns.client.get<Lease>(LEASES, ns.namespace, 'frozen').catch(() => undefined))?.spec?.holderIdentity === 'frozen', {
      timeoutMs: 30_000,
      what: () => 'the executor to take the lease',
    });
    const heir = await startExecutor(newClient, ns.namespace, { leaseName: 'frozen', identity: 'heir', leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 250 });
    cleanup.push(() => heir.executor.stop());

    // Pods that end one after another, from before the freeze until after it: the leader wakes with work to do.
    const ending = (i: number) => ({ 'kueue.test/duration': `${3000 + i * 400}ms` });
    await enqueueRun(ns.client, ns.namespace, 'frozen', [
      { name: 'a0', template: containerTaskTemplate({ image: 'busybox', command: ['true'] }), annotations: ending(0) },
      ...Array.from({ length: 13 }, (_, i) => ({ name: `n${i + 1}`, parent: 'a0', template: containerTaskTemplate({ image: 'busybox', command: ['true'] }), annotations: ending(i + 1) })),
    ]);
    await waitForRun(ns.client, ns.namespace, 'frozen', (all) => all.length === 14 && all.filter((a) => historyOf(a).includes('Executing')).length >= 3);

    child.kill('SIGSTOP');
    const frozenAt = Date.now();
    await pollUntil(() => Promise.resolve(heir.executor.isLeader), { timeoutMs: 30_000, what: () => 'the standby to take over from the frozen leader' });
    // It wakes while Pods are still ending, with stale caches and watch events queued for it.
    child.kill('SIGCONT');
    await waitForRun(ns.client, ns.namespace, 'frozen', (all) => all.length === 14 && all.every(isSucceeded), 60_000);
    await pollUntil(() => Promise.resolve(stderr.includes('msg="lost the lease"')), { timeoutMs: 30_000, what: () => `the resumed executor to say it lost the lease (stderr: ${stderr.slice(-400)})` });
    await pollUntil(async () => (await ns.client.get<Lease>(LEASES, ns.namespace, 'frozen')).spec?.holderIdentity === 'heir', { timeoutMs: 10_000, what: () => 'the lease to stay with the heir' });

    const actions = await listRun(ns.client, ns.namespace, 'frozen');
    const pods = await runPods(ns.client, ns.namespace, 'frozen');
    expect(pods.map((p) => p.metadata.name)).toEqual(actions.map((a) => `${a.metadata.name ?? ''}-a1`).sort());
    // The CLI's writes carry its own User-Agent; none was made after it froze (the server's times are whole seconds).
    expect(writesBy([...actions, ...pods], 'kubectl-kueue').filter((w) => w.time > frozenAt)).toEqual([]);
    expect(writesBy(actions, 'kueue-new').length).toBeGreaterThan(0);
  });
});
