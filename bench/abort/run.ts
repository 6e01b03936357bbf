// bench/abort: `kubectl kueue abort run R --wait` when no executor runs, so abort itself deletes the run's Pods and
// removes their finalizers, against stopping as many running bare Pods by hand (`kubectl delete pods -l ... --wait`)
// and against the floor: one deletecollection request for them, then `kubectl wait --for=delete`. All on the local
// control plane in the same rounds. Run alone with `node --import tsx bench/abort/run.ts`; KUEUE_BENCH_ABORT_PODS
// sets the run's size (default 300).
import { randomBytes } from 'node:crypto';
import { executorPresence } from '../../shared/executor/executor-presence.js';
import { Executor } from '../../shared/executor/executor.js';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { type Pod } from '../../shared/kube/pod.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { mapWithConcurrency } from '../../shared/queue/map-with-concurrency.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { runLabelSelector } from '../../shared/task-action/labels.js';
import { acquireBenchCluster } from '../support/bench-cluster.js';
import { type TimedRun, timeCommand } from '../support/child-process-timing.js';
import { builtCli } from '../support/cli-build.js';
import { reportFailure } from '../support/failure-report.js';
import { loadAverage, machineDescription } from '../support/machine.js';
import { formatMs, formatRatio, median, pairedRatio } from '../support/stats.js';
import { renderTable, verdict } from '../support/table.js';

const PODS_PER_RUN = Number(process.env['KUEUE_BENCH_ABORT_PODS'] ?? 300);
const ROUNDS = 3;
/** Abort does more than delete Pods (the run's TaskActions, their finalizers, the garbage collector's cascade). */
const TARGET_RATIO = 2;
const IDENTITY = { org: 'bench', project: 'abort', domain: 'dev' };
const RUNNING_FOREVER = { 'kueue.test/outcome': 'Running' };
const FLOOR_LABEL = 'kueue.bench/floor';

const log = (line: string) => process.stderr.write(`[bench/abort] ${line}\n`);

async function podsRunning(client: HttpKubeClient, namespace: string, labelSelector: string): Promise<number> {
  const pods = await client.list<Pod>(PODS, namespace, { labelSelector });
  return pods.items.filter((pod) => pod.status?.phase === 'Running').length;
}

async function waitRunning(client: HttpKubeClient, namespace: string, labelSelector: string, what: string): Promise<void> {
  let seen = 0;
  await pollUntil(
    async () => {
      seen = await podsRunning(client, namespace, labelSelector);
      return seen === PODS_PER_RUN;
    },
    { timeoutMs: 600_000, what: () => `${PODS_PER_RUN} ${what} Pods to run (${seen} do)` },
  );
}

/** A run of PODS_PER_RUN running actions whose executor then stops, leaving their Pods and finalizers. */
async function abandonedRun(client: HttpKubeClient, namespace: string, runName: string): Promise<void> {
  const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sleep', '1000'] });
  const actions: ActionDescription[] = Array.from({ length: PODS_PER_RUN }, (_, i) => ({
    ...IDENTITY,
    runName,
    actionName: i === 0 ? 'a0' : `n${i}`,
    ...(i === 0 ? {} : { parentActionName: 'a0' }),
    taskTemplate: template,
    annotations: RUNNING_FOREVER,
  }));
  const executor = new Executor({ client, namespace, leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 250, plugins: podPluginEntries() });
  await executor.start();
  try {
    await enqueueActions(client, actions, { namespace, concurrency: 16 });
    await waitRunning(client, namespace, runLabelSelector({ ...IDENTITY, runName }), 'executor');
  } finally {
    await executor.stop();
  }
  await pollUntil(async () => (await executorPresence(client, namespace)) === 'absent', { timeoutMs: 60_000, what: () => 'the Lease to be free' });
}

function barePod(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { [FLOOR_LABEL]: 'yes' }, annotations: RUNNING_FOREVER },
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '1000'] }] },
  } as KubeObject;
}

async function main(): Promise<void> {
  const acquired = await acquireBenchCluster(log);
  if (!acquired.available) {
    log(`SKIPPED: ${acquired.reason}`);
    return;
  }
  const { cluster } = acquired;
  const cli = builtCli();
  const loadBefore = loadAverage();
  const ours: TimedRun[] = [];
  const byHand: TimedRun[] = [];
  const floor: TimedRun[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const runName = `r${round}-${randomBytes(2).toString('hex')}`;
      const mine = await cluster.freshNamespace('bench-abort');
      log(`round ${round + 1}/${ROUNDS}: a run of ${PODS_PER_RUN} running actions, then no executor`);
      await abandonedRun(mine.client, mine.namespace, runName);
      const bare = async (prefix: string) => {
        const made = await cluster.freshNamespace(prefix);
        log(`round ${round + 1}/${ROUNDS}: ${PODS_PER_RUN} running bare Pods in ${made.namespace}`);
        await mapWithConcurrency(
          Array.from({ length: PODS_PER_RUN }, (_, i) => `p${i}`),
          16,
          (name) => made.client.create(PODS, made.namespace, barePod(name)),
        );
        await waitRunning(made.client, made.namespace, `${FLOOR_LABEL}=yes`, 'bare');
        return made.namespace;
      };
      const handNamespace = await bare('bench-abort-hand');
      const floorNamespace = await bare('bench-abort-floor');
      const connection = ['--kubeconfig', cluster.kubeconfig];
      const measures: (() => Promise<void>)[] = [
        async () => {
          const args = ['abort', 'run', runName, '--wait', '--timeout', '10m', '--org', IDENTITY.org, '--project', IDENTITY.project, '--domain', IDENTITY.domain];
          ours.push(await timeCommand(process.execPath, [cli, ...args, ...connection, '-n', mine.namespace], { peakRss: true }));
        },
        async () => {
          byHand.push(await timeCommand('kubectl', ['delete', 'pods', '-l', `${FLOOR_LABEL}=yes`, '--wait=true', ...connection, '-n', handNamespace], { peakRss: true }));
        },
        async () => {
          // One request deletes them all on the server; then wait until they are gone.
          const path = `/api/v1/namespaces/${floorNamespace}/pods?labelSelector=${encodeURIComponent(`${FLOOR_LABEL}=yes`)}`;
          const deleted = await timeCommand('kubectl', ['delete', '--raw', path, ...connection], { peakRss: true });
          const waited = await timeCommand('kubectl', ['wait', '--for=delete', 'pods', '-l', `${FLOOR_LABEL}=yes`, '--timeout=10m', ...connection, '-n', floorNamespace], { peakRss: true });
          floor.push({ ms: deleted.ms + waited.ms, stdoutBytes: 0, cpuMs: (deleted.cpuMs ?? Number.NaN) + (waited.cpuMs ?? Number.NaN) });
        },
      ];
      // Rotate which goes first, so none always runs on a machine another just loaded.
      for (let i = 0; i < measures.length; i++) await measures[(round + i) % measures.length]?.();
      const left = (await listTaskActions(mine.client, mine.namespace)).length + (await mine.client.list(PODS, mine.namespace)).items.length;
      if (left !== 0) throw new Error(`abort --wait returned with ${left} TaskActions and Pods of the run left`);
    }
    const wall = (runs: TimedRun[]) => runs.map((r) => r.ms);
    const cpu = (runs: TimedRun[]) => runs.map((r) => r.cpuMs ?? Number.NaN);
    const floorLabel = `deletecollection of ${PODS_PER_RUN} bare Pods, then \`kubectl wait --for=delete\``;
    const handLabel = `\`kubectl delete pods -l ... --wait\` of ${PODS_PER_RUN} bare Pods`;
    const ratio = pairedRatio(wall(ours), wall(floor));
    process.stdout.write(
      renderTable({
        title: `abort without an executor: a run of ${PODS_PER_RUN} running Pods`,
        columns: ['benchmark', 'ours', 'against (same run)', 'ratio', 'target', 'result'],
        rows: [
          ['`abort run --wait`: wall', formatMs(median(wall(ours))), `${formatMs(median(wall(floor)))} (floor: ${floorLabel})`, formatRatio(ratio, 'times'), `<= ${TARGET_RATIO}x`, verdict(ratio, TARGET_RATIO, 'at most')],
          ['`abort run --wait`: CPU', formatMs(median(cpu(ours))), formatMs(median(cpu(floor))), formatRatio(pairedRatio(cpu(ours), cpu(floor)), 'times'), 'report only', 'n/a'],
          ['`abort run --wait`: wall', formatMs(median(wall(ours))), `${formatMs(median(wall(byHand)))} (${handLabel})`, formatRatio(pairedRatio(wall(ours), wall(byHand)), 'times'), 'report only', 'n/a'],
          ['`abort run --wait`: CPU', formatMs(median(cpu(ours))), formatMs(median(cpu(byHand))), formatRatio(pairedRatio(cpu(ours), cpu(byHand)), 'times'), 'report only', 'n/a'],
        ],
        notes: [
          `machine: ${machineDescription()}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end`,
          `cluster: ${cluster.description}`,
          `ours: ${PODS_PER_RUN} actions (a root and its children) run by an executor until every Pod runs, then the executor stops (its Lease released); abort deletes the root, the ${PODS_PER_RUN} Pods and the ${PODS_PER_RUN} finalizers and waits until the run and its Pods are gone`,
          `${ROUNDS} rounds, each in fresh namespaces, the order rotating; ratio = median of the per-round ratios; CPU = user + system from GNU time (the floor: of both kubectl processes)`,
          `abort: ${wall(ours).map(formatMs).join(', ')}`,
          `kubectl delete pods: ${wall(byHand).map(formatMs).join(', ')}`,
          `floor: ${wall(floor).map(formatMs).join(', ')}`,
        ],
      }),
    );
  } finally {
    await cluster.close();
  }
}

main().catch(reportFailure('[bench/abort] failed: '));
