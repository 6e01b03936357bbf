// `logs -f` delay: from a line written to the container's log file to the line printed by
// `kubectl kueue logs -f`, against `kubectl logs -f` of the same Pod at the same time. Run alone with
// `node --import tsx bench/logs/run.ts`.
import { spawnSync } from 'node:child_process';
import { Executor } from '../../shared/executor/index.js';
import { type Pod, PODS } from '../../shared/kube/index.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { runLabelSelector } from '../../shared/task-action/labels.js';
import { percentile } from '../executor/percentiles.js';
import { acquireBenchCluster } from '../support/bench-cluster.js';
import { builtCli } from '../support/cli-build.js';
import { reportFailure } from '../support/failure-report.js';
import { loadAverage, machineDescription } from '../support/machine.js';
import { formatMs } from '../support/stats.js';
import { renderTable, verdict } from '../support/table.js';
import { LineFollower } from './line-follower.js';

const ROUNDS = 3;
const LINES = 100;
const INTERVAL_MS = 50;
const SCOPE = { org: 'bench', project: 'bench', domain: 'dev' };

const log = (line: string) => process.stderr.write(`[bench/logs] ${line}\n`);

interface Delays {
  ours: number[];
  kubectl: number[];
}

/** Delays of the lines written after both followers were streaming (the backlog before that says nothing). */
function steadyDelays(ours: LineFollower, kubectl: LineFollower, texts: string[]): Delays {
  const firstArrival = (f: LineFollower) => Math.min(...[...f.arrivals.values()].map((a) => a.arrivedMs));
  const streamingSince = Math.max(firstArrival(ours), firstArrival(kubectl));
  const delays = (f: LineFollower) =>
    texts.map((text) => f.arrivals.get(text)).flatMap((a) => (a !== undefined && a.writtenMs > streamingSince ? [a.arrivedMs - a.writtenMs] : []));
  return { ours: delays(ours), kubectl: delays(kubectl) };
}

async function main(): Promise<void> {
  const cli = builtCli();
  const title = 'logs';
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) {
    process.stdout.write(renderTable({ title, columns: ['benchmark'], rows: [], notes: ['SKIPPED: kubectl (the baseline) is not on PATH'] }));
    return;
  }
  const acquired = await acquireBenchCluster(log);
  if (!acquired.available) {
    process.stdout.write(renderTable({ title, columns: ['benchmark'], rows: [], notes: [`SKIPPED: ${acquired.reason}`] }));
    return;
  }
  const { cluster } = acquired;
  const loadBefore = loadAverage();
  const { namespace, client } = await cluster.freshNamespace('bench-logs');
  const executor = new Executor({ client, namespace, plugins: podPluginEntries() });
  await executor.start();
  const all: Delays = { ours: [], kubectl: [] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const runName = `logs-${round}`;
      const texts = Array.from({ length: LINES }, (_, i) => `round ${round} line ${i + 1}`);
      await enqueueActions(
        client,
        [
          {
            ...SCOPE,
            runName,
            actionName: 'a0',
            taskTemplate: containerTaskTemplate({ image: 'busybox', command: ['true'] }),
            annotations: {
              'kueue.test/logs': texts.join('\n'),
              'kueue.test/log-interval': `${INTERVAL_MS}ms`,
              'kueue.test/duration': `${LINES * INTERVAL_MS + 5000}ms`,
            },
          },
        ],
        { namespace },
      );
      let pod = '';
      await pollUntil(
        async () => {
          const pods = await client.list<Pod>(PODS, namespace, { labelSelector: runLabelSelector({ ...SCOPE, runName }) });
          pod = pods.items[0]?.metadata.name ?? '';
          if (pod === '') return false;
          return client.getRaw(`/api/v1/namespaces/${namespace}/pods/${pod}/log`).then(
            () => true,
            () => false,
          );
        },
        { timeoutMs: 60_000, what: () => `the log of run ${runName}` },
      );
      const connection = ['--kubeconfig', cluster.kubeconfig, '-n', namespace];
      const ours = new LineFollower(process.execPath, [cli, 'logs', runName, 'a0', '-f', '--timestamps', ...connection]);
      const kubectl = new LineFollower('kubectl', ['logs', '-f', '--timestamps', pod, ...connection]);
      try {
        await Promise.all([ours.waitFor(texts), kubectl.waitFor(texts)]);
      } finally {
        ours.stop();
        kubectl.stop();
      }
      const delays = steadyDelays(ours, kubectl, texts);
      log(`round ${round}: ${delays.ours.length} lines; p50 ours ${formatMs(percentile(delays.ours, 50))}, kubectl ${formatMs(percentile(delays.kubectl, 50))}`);
      all.ours.push(...delays.ours);
      all.kubectl.push(...delays.kubectl);
    }
  } finally {
    await executor.stop();
  }
  try {
    const p = (samples: number[], q: number) => percentile(samples, q);
    const ratio = p(all.ours, 50) / p(all.kubectl, 50);
    process.stdout.write(
      renderTable({
        title,
        columns: ['benchmark', 'ours', 'baseline (same run)', 'ratio', 'target', 'result'],
        rows: [
          [
            `\`logs -f\` delay, line written to printed, p50 (${all.ours.length} lines)`,
            `${formatMs(p(all.ours, 50))} (\`kubectl kueue logs -f\`)`,
            `${formatMs(p(all.kubectl, 50))} (\`kubectl logs -f\`)`,
            `${ratio.toFixed(2)}x`,
            '<= 1.5x',
            verdict(ratio, 1.5, 'at most'),
          ],
          [
            '`logs -f` delay, p99',
            `${formatMs(p(all.ours, 99))} (\`kubectl kueue logs -f\`)`,
            `${formatMs(p(all.kubectl, 99))} (\`kubectl logs -f\`)`,
            `${(p(all.ours, 99) / p(all.kubectl, 99)).toFixed(2)}x`,
            'report only',
            'n/a',
          ],
        ],
        notes: [
          `machine: ${machineDescription()}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end`,
          `cluster: ${cluster.description}`,
          `${ROUNDS} rounds; in each, one action's Pod writes ${LINES} lines ${INTERVAL_MS} ms apart (the test control plane's log feeder, kwok serving them) while both commands follow it at the same time with --timestamps`,
          "delay = the time a line reached this process minus the kubelet's time on the line (both on this machine's clock); only lines written after both commands were streaming count",
        ],
      }),
    );
  } finally {
    await cluster.close();
  }
}

main().catch(reportFailure('[bench/logs] failed: '));
