import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { type Lease } from '../../shared/executor/lease-record.js';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { LEASES, NAMESPACES } from '../../shared/kube/resource-type.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { CLI_BUNDLE, assertBuilt } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, isSucceeded, waitForRun } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

interface Replica {
  identity: string;
  process: ChildProcess;
  /** Namespaces of the transitions it printed, from its `from`th line on. */
  executedIn: (from?: number) => Set<string>;
  /** Lines printed so far. */
  printed: () => number;
}

describe.skipIf(clusterUnavailable())('executors of every namespace scale out: one Lease per namespace', () => {
  const ns = useClusterNamespace('exec-shards');
  // Unique to this file: the executors see only these runs, and the Leases carry this name, so the suites running
  // next to this one keep their namespaces to themselves.
  const tag = randomBytes(3).toString('hex');
  const leaseName = `shards-${tag}`;
  const runs = [`first-${tag}`, `second-${tag}`, `third-${tag}`];
  const namespaces: string[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    namespaces.push(ns.namespace);
    for (const suffix of ['b', 'c', 'd']) {
      const name = `${ns.namespace}-${suffix}`;
      await ns.client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      namespaces.push(name);
    }
  });

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  afterAll(async () => {
    for (const name of namespaces.slice(1)) {
      await ns.client.delete(NAMESPACES, undefined, name).catch((err: unknown) => {
        if (!(isKubeApiError(err) && err.code === 404)) throw err;
      });
    }
  });

  function startReplica(identity: string): Replica {
    const args = [
      CLI_BUNDLE, 'executor', '-A', '-l', `flyte.org/run in (${runs.join(',')})`, '--kubeconfig', ns.kubeconfig,
      '--lease-name', leaseName, '--lease-duration', '3s', '--identity', identity, '-o', 'json',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const lines = () => out.split('\n').filter(Boolean);
    const executedIn = (from = 0) => new Set(lines().slice(from).map((line) => (JSON.parse(line) as { namespace: string }).namespace));
    return { identity, process: child, executedIn, printed: () => lines().length };
  }

  async function holders(client: KubeClient): Promise<Map<string, string>> {
    const held = new Map<string, string>();
    for (const namespace of namespaces) {
      const lease = await client.get<Lease>(LEASES, namespace, leaseName).catch(() => undefined);
      held.set(namespace, lease?.spec?.holderIdentity ?? '');
    }
    return held;
  }

  const count = (held: Map<string, string>, identity: string) => [...held.values()].filter((h) => h === identity).length;

  async function enqueueEverywhere(run: string): Promise<void> {
    for (const namespace of namespaces) {
      await enqueueRun(ns.client, namespace, run, [
        { name: 'a0', template },
        { name: 'b', parent: 'a0', template },
      ]);
    }
  }

  async function waitForRuns(run: string): Promise<void> {
    for (const namespace of namespaces) await waitForRun(ns.client, namespace, run, (all) => all.length === 2 && all.every(isSucceeded));
  }

  it('two replicas lead two namespaces each; when one is killed, the other takes its namespaces', async () => {
    assertBuilt();
    // With a selector, a replica leads the namespaces where it sees matching TaskActions: enqueue first.
    await enqueueEverywhere(runs[0] ?? '');
    const a = startReplica('replica-a');
    const b = startReplica('replica-b');
    let held = new Map<string, string>();
    await pollUntil(async () => {
      held = await holders(ns.client);
      return count(held, 'replica-a') === 2 && count(held, 'replica-b') === 2;
    }, { timeoutMs: 60_000, what: () => `the namespaces to be shared two and two (${JSON.stringify([...held])})` });
    // The first run may all be done by whichever replica started first; work enqueued once shared is split.
    await waitForRuns(runs[0] ?? '');
    const [fromA, fromB] = [a.printed(), b.printed()];
    await enqueueEverywhere(runs[1] ?? '');
    await waitForRuns(runs[1] ?? '');
    await pollUntil(() => Promise.resolve(a.executedIn(fromA).size + b.executedIn(fromB).size >= 4), {
      timeoutMs: 15_000,
      what: () => `both replicas to report the second run (${[...a.executedIn(fromA)].join(',')} / ${[...b.executedIn(fromB)].join(',')})`,
    });
    expect(a.executedIn(fromA).size).toBeGreaterThan(0);
    expect(b.executedIn(fromB).size).toBeGreaterThan(0);
    // Replicas register in the kubeconfig's namespace.
    const members = (await ns.client.list<Lease>(LEASES, 'default')).items.filter((l) => l.metadata.name?.startsWith(`${leaseName}-member-`));
    expect(members.map((l) => l.spec?.holderIdentity).sort()).toEqual(['replica-a', 'replica-b']);

    // Killed: no release. Its Leases expire and the survivor, now the only replica, takes all four.
    b.process.kill('SIGKILL');
    await pollUntil(async () => {
      held = await holders(ns.client);
      return count(held, 'replica-a') === 4;
    }, { timeoutMs: 60_000, what: () => `the survivor to lead every namespace (${JSON.stringify([...held])})` });
    const fromSurvivor = a.printed();
    await enqueueEverywhere(runs[2] ?? '');
    await waitForRuns(runs[2] ?? '');
    await pollUntil(() => Promise.resolve(namespaces.every((n) => a.executedIn(fromSurvivor).has(n))), {
      timeoutMs: 15_000,
      what: () => `the survivor to report work in every namespace (${[...a.executedIn(fromSurvivor)].join(',')})`,
    });

    // A clean stop releases every Lease and removes the replica's member Lease.
    a.process.kill('SIGTERM');
    await new Promise((resolve) => a.process.once('exit', resolve));
    held = await holders(ns.client);
    expect([...held.values()]).toEqual(['', '', '', '']);
    const left = (await ns.client.list<Lease>(LEASES, 'default')).items.map((l) => l.metadata.name);
    expect(left).not.toContain(members.find((l) => l.spec?.holderIdentity === 'replica-a')?.metadata.name);
  });
});
