import { afterEach, describe, expect, it } from 'vitest';
import { Executor } from '../../../shared/executor/executor.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { pollUntil } from '../../../shared/kube/poll-until.js';
import { JOBS } from '../../../shared/kube/resource-type.js';
import { phaseInfoRunning } from '../../../shared/plugins/phase-info.js';
import { type PluginEntry } from '../../../shared/plugins/plugin.js';
import { doTransition } from '../../../shared/plugins/transition.js';
import { TASKACTIONS } from '../../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { InMemoryKubeClient } from '../kube/in-memory-kube-client.js';
import { storedTaskAction } from './task-action-fixture.js';

const SELECTOR = 'app.kubernetes.io/managed-by=kueue-executor';

/** A plugin that runs tasks as Jobs it never finishes, counting its rounds; it asks the executor to watch Jobs. */
function jobPlugin(): { entry: PluginEntry; rounds: () => number } {
  let rounds = 0;
  const entry: PluginEntry = {
    id: 'jobs',
    registeredTaskTypes: [],
    isDefault: true,
    loadPlugin: (setup) => {
      setup.watchOwned({ resource: JOBS, labelSelector: SELECTOR });
      return {
        getId: () => 'jobs',
        getProperties: () => ({ disableNodeLevelCaching: false }),
        handle: () => {
          rounds += 1;
          return Promise.resolve(doTransition(phaseInfoRunning(0)));
        },
        abort: () => Promise.resolve(),
        finalize: () => Promise.resolve(),
      };
    },
  };
  return { entry, rounds: () => rounds };
}

function ownedJob(action: TaskAction, uid = action.metadata.uid ?? ''): KubeObject {
  const ownerReferences = [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: action.metadata.name ?? '', uid, controller: true }];
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `${action.metadata.name ?? ''}-a1`, namespace: 'flyte', labels: { 'app.kubernetes.io/managed-by': 'kueue-executor' }, ownerReferences } };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Waits until the executor has nothing to do for a few turns: its own status writes come back as events. */
async function quiet(executor: Executor): Promise<void> {
  let calm = 0;
  await pollUntil(
    async () => {
      await tick();
      const { waiting, inFlight, scheduled } = executor.stats().work;
      calm = waiting + inFlight + scheduled === 0 ? calm + 1 : 0;
      return calm >= 3;
    },
    { timeoutMs: 5000, what: () => 'the executor to settle' },
  );
}

let running: Executor | undefined;

/** An executor of one stored TaskAction with the Job plugin, started (stopped after each test). */
async function startedWithOneAction(options: { watchPluginObjects?: boolean } = {}) {
  const client = new InMemoryKubeClient('flyte');
  const action = client.seed(TASKACTIONS, storedTaskAction(containerTaskTemplate({ image: 'busybox' })));
  const plugin = jobPlugin();
  running = new Executor({ client, namespace: 'flyte', plugins: [plugin.entry], leaderElection: false, recordEvents: false, ...options });
  await running.start();
  return { client, action, plugin, executor: running };
}

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('Executor: what plugins ask to watch', () => {
  it('watches what the plugins ask for and reconciles a TaskAction when an object it controls changes', async () => {
    const { client, action, plugin, executor } = await startedWithOneAction();
    expect(client.requests).toContain(`watch jobs.batch flyte ${SELECTOR}`);
    await quiet(executor);
    const before = plugin.rounds();
    expect(before).toBeGreaterThan(0);

    // A Job of a namesake TaskAction (another uid) wakes nobody.
    await client.create(JOBS, 'flyte', ownedJob(action, 'uid-of-an-earlier-namesake'));
    await quiet(executor);
    expect(plugin.rounds()).toBe(before);

    await client.create(JOBS, 'flyte', { ...ownedJob(action), metadata: { ...ownedJob(action).metadata, name: 'ours' } });
    await quiet(executor);
    expect(plugin.rounds()).toBe(before + 1);
  });

  it('brings no round for the watch events of its own writes: the round that wrote saw what it wrote', async () => {
    const { client, action, plugin, executor } = await startedWithOneAction();
    const name = action.metadata.name ?? '';
    // One round: it added the finalizer and recorded Running, two writes whose events come back.
    const executing = async () => (await client.get<TaskAction>(TASKACTIONS, 'flyte', name)).status?.phaseHistory?.some((entry) => entry.phase === 'Executing') === true;
    await pollUntil(executing, { timeoutMs: 5000, what: () => 'the action to be recorded Executing' });
    await quiet(executor);
    expect(plugin.rounds()).toBe(1);

    // Somebody else's change is news: it brings a round, and only one.
    await client.patch(TASKACTIONS, 'flyte', name, { metadata: { annotations: { note: 'touched' } } }, 'merge');
    await pollUntil(() => Promise.resolve(plugin.rounds() >= 2), { timeoutMs: 5000, what: () => 'a round for the change' });
    await quiet(executor);
    expect(plugin.rounds()).toBe(2);
  });

  it('starts no watch for plugins when told not to, so their objects\' changes wait for a resync', async () => {
    const { client, action, plugin, executor } = await startedWithOneAction({ watchPluginObjects: false });
    await quiet(executor);
    const before = plugin.rounds();
    await client.create(JOBS, 'flyte', ownedJob(action));
    await quiet(executor);
    expect(plugin.rounds()).toBe(before);
    expect(client.requests.filter((request) => request.includes('jobs'))).toEqual([]);
  });
});
