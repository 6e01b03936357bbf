import { afterEach, describe, expect, it } from 'vitest';
import { LeadershipLostError } from '../../../shared/errors/leadership-lost-error.js';
import { Executor } from '../../../shared/executor/executor.js';
import { type Lease } from '../../../shared/executor/lease-record.js';
import { pollUntil } from '../../../shared/kube/poll-until.js';
import { JOBS, LEASES } from '../../../shared/kube/resource-type.js';
import { phaseInfoRunning } from '../../../shared/plugins/phase-info.js';
import { type PluginEntry } from '../../../shared/plugins/plugin.js';
import { doTransition } from '../../../shared/plugins/transition.js';
import { TASKACTIONS } from '../../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { PartitionableClient } from './partitionable-client.js';
import { storedTaskAction } from './task-action-fixture.js';

/**
 * A plugin whose first round is held at a gate, then creates its Job: a reconcile that is in flight when the
 * leader is cut off, and carries on when the network comes back.
 */
function gatedPlugin() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const seen: { aborted?: boolean; createError?: unknown } = {};
  const entry: PluginEntry = {
    id: 'gated',
    registeredTaskTypes: [],
    isDefault: true,
    loadPlugin: () => ({
      getId: () => 'gated',
      getProperties: () => ({ disableNodeLevelCaching: false }),
      handle: async (ctx) => {
        entered();
        await gate;
        seen.aborted = ctx.signal.aborted;
        const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: ctx.metadata.generatedName, namespace: ctx.metadata.namespace } };
        await ctx.kubeClient.create(JOBS, ctx.metadata.namespace, job).catch((err: unknown) => {
          seen.createError = err;
          throw err;
        });
        return doTransition(phaseInfoRunning(0));
      },
      abort: () => Promise.resolve(),
      finalize: () => Promise.resolve(),
    }),
  };
  return { entry, inside, open, seen };
}

let running: Executor | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('Executor: a deposed leader', () => {
  it('stops at the renew deadline while the API server hangs, cancels what runs and sends no write after', async () => {
    const client = new PartitionableClient('flyte');
    client.store.seed(TASKACTIONS, storedTaskAction(containerTaskTemplate({ image: 'busybox' })));
    const plugin = gatedPlugin();
    const leadership: boolean[] = [];
    running = new Executor({
      client,
      namespace: 'flyte',
      plugins: [plugin.entry],
      identity: 'old',
      leaseName: 'lease',
      leaseDurationMs: 1500,
      renewDeadlineMs: 1000,
      retryPeriodMs: 100,
      recordEvents: false,
      onLeadershipChange: (leading) => leadership.push(leading),
    });
    await running.start();
    await plugin.inside;
    expect(running.isLeader).toBe(true);

    // Every request now hangs: the lease renewal too. The executor must give up at its renew deadline by itself.
    client.cut = true;
    const executor = running;
    await pollUntil(() => Promise.resolve(!executor.isLeader && leadership.at(-1) === false), { timeoutMs: 10_000, what: () => 'the leader to step down' });
    const lostAt = Date.now();
    // Meanwhile another executor takes the lease (written straight to the store, as from elsewhere).
    const lease = await client.store.get<Lease>(LEASES, 'flyte', 'lease');
    await client.store.replace(LEASES, 'flyte', { ...lease, spec: { ...lease.spec, holderIdentity: 'new', leaseDurationSeconds: 60, renewTime: new Date().toISOString() } });

    // The network comes back and the reconcile that was in flight carries on: its write is refused, unsent.
    client.cut = false;
    plugin.open();
    await pollUntil(() => Promise.resolve(plugin.seen.createError !== undefined), { timeoutMs: 10_000, what: () => 'the in-flight reconcile to try its write' });
    expect(plugin.seen.aborted).toBe(true);
    expect(plugin.seen.createError).toBeInstanceOf(LeadershipLostError);
    expect((plugin.seen.createError as Error).message).toBe('old no longer holds the lease flyte/lease: the request was not sent');
    // It stays a standby (another holds the lease) and writes nothing at all: no status, finalizer, Job or Lease.
    await pollUntil(() => Promise.resolve(executor.stats().leaderIdentity === 'new'), { timeoutMs: 10_000, what: () => 'the old leader to see the new one' });
    expect(client.writes.filter((w) => w.atMs >= lostAt)).toEqual([]);
    expect(running.isLeader).toBe(false);
    expect((await client.store.list(JOBS, 'flyte')).items).toEqual([]);
  });
});
