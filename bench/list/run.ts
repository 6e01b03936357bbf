// bench/list: `kubectl kueue list` over 1,000 runs of 10 actions against `kubectl get taskactions -o json` of the
// same namespace, the floor of anything that reads every action. Run alone with `node --import tsx bench/list/run.ts`,
// or with every bench via `npm run bench`.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { clusterOrSkip, kubectlOrSkip } from '../support/cluster-or-skip.js';
import { type TimedRun, timeCommand } from '../support/child-process-timing.js';
import { builtCli } from '../support/cli-build.js';
import { reportFailure } from '../support/failure-report.js';
import { loadAverage, machineDescription } from '../support/machine.js';
import { formatMs, formatRatio, median, pairedRatio } from '../support/stats.js';
import { renderTable, verdict } from '../support/table.js';
import { BENCH_RUN_SCOPE, benchRunActions, createRawObjects, prepareRawObjects } from '../queue/bench-run.js';
import { RawKubeClient, forEachLimited } from '../queue/raw-kube-client.js';

const RUNS = 1000;
const ACTIONS_PER_RUN = 10;
const TOTAL = RUNS * ACTIONS_PER_RUN;
const CONCURRENCY = 16;
/** Alternating rounds of both commands; odd, so the median is one round's. */
const ROUNDS = 7;
/** At most as slow as kubectl listing the same actions: a summary must not cost more than the objects. */
const TARGET = 1.0;

const log = (line: string) => process.stderr.write(`[bench/list] ${line}\n`);

/**
 * The namespace's runs: each a root with nine children. Every root gets a finished status and every tenth run a
 * failed child, so `list` has statuses to derive and the objects carry status bytes as real ones do.
 */
async function seed(kubeconfig: string, namespace: string, client: HttpKubeClient): Promise<void> {
  const actions: ActionDescription[] = [];
  for (let run = 0; run < RUNS; run++) actions.push(...benchRunActions(`r${run}`, ACTIONS_PER_RUN, ACTIONS_PER_RUN - 1));
  const raw = await RawKubeClient.connect(kubeconfig, CONCURRENCY);
  try {
    await createRawObjects(raw, namespace, prepareRawObjects(actions, namespace), CONCURRENCY);
  } finally {
    raw.close();
  }
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const finished = (type: 'Succeeded' | 'Failed') => ({
    status: {
      conditions: [
        { type: 'Progressing', status: 'False', reason: type === 'Succeeded' ? 'Completed' : 'PermanentFailure', message: '', lastTransitionTime: at },
        { type, status: 'True', reason: type === 'Succeeded' ? 'Completed' : 'PermanentFailure', message: '', lastTransitionTime: at },
      ],
      phaseHistory: [{ phase: type === 'Succeeded' ? 'Completed' : 'PermanentFailure', occurredAt: at }],
    },
  });
  const patches = [...Array(RUNS).keys()].flatMap((run) => [
    { name: taskActionName({ ...BENCH_RUN_SCOPE, runName: `r${run}`, actionName: 'root' }), body: finished('Succeeded') },
    ...(run % 10 === 0 ? [{ name: taskActionName({ ...BENCH_RUN_SCOPE, runName: `r${run}`, actionName: 'c0' }), body: finished('Failed') }] : []),
  ]);
  await forEachLimited(patches, CONCURRENCY, async ({ name, body }) => {
    await client.patch(TASKACTIONS, namespace, name, body, 'merge', { subresource: 'status' });
  });
}

/** Both commands really see the whole set before the clock starts (the first kubectl call also fills its cache). */
function checkOutputs(ours: string[], kubectl: string[]): void {
  const listed = spawnSync(process.execPath, ours, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const rows = listed.stdout.trimEnd().split('\n');
  // The other children never ran, so every run is Running; the failed child shows in the FAILED column.
  const failed = rows.filter((row) => row.split(/\s+/)[3] === '1').length;
  if (listed.status !== 0 || rows.length !== RUNS + 1 || failed !== RUNS / 10) {
    throw new Error(`kubectl kueue list showed ${rows.length - 1} runs, ${failed} failed (exit ${listed.status}):\n${listed.stderr}${listed.stdout.slice(0, 300)}`);
  }
  const got = spawnSync('kubectl', kubectl, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const count = got.status === 0 ? (JSON.parse(got.stdout) as { items: unknown[] }).items.length : -1;
  if (count !== TOTAL) throw new Error(`kubectl get listed ${count} TaskActions, not ${TOTAL}:\n${got.stderr}`);
}

async function main(): Promise<void> {
  const cli = builtCli();
  const title = 'list';
  if (!kubectlOrSkip(title)) return;
  const cluster = await clusterOrSkip(title, log);
  if (cluster === undefined) return;
  const loadBefore = loadAverage();
  try {
    const { namespace, client } = await cluster.freshNamespace('bench-list');
    log(`creating ${RUNS} runs of ${ACTIONS_PER_RUN} actions with the raw client`);
    const started = performance.now();
    await seed(cluster.kubeconfig, namespace, client);
    const seedMs = performance.now() - started;
    log(`created and finished in ${formatMs(seedMs)}`);
    const ours = [cli, 'list', '--kubeconfig', cluster.kubeconfig, '-n', namespace];
    const kubectl = ['get', 'taskactions', '-o', 'json', '-n', namespace, '--kubeconfig', cluster.kubeconfig];
    checkOutputs(ours, kubectl);

    const oursRuns: TimedRun[] = [];
    const kubectlRuns: TimedRun[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so neither always inherits the other's leftover server work.
      const order = round % 2 === 0 ? ['ours', 'kubectl'] : ['kubectl', 'ours'];
      for (const who of order) {
        const run = who === 'ours' ? await timeCommand(process.execPath, ours, { peakRss: true }) : await timeCommand('kubectl', kubectl, { peakRss: true });
        (who === 'ours' ? oursRuns : kubectlRuns).push(run);
      }
      log(`round ${round + 1}: ours ${formatMs(oursRuns.at(-1)?.ms ?? Number.NaN)}, kubectl ${formatMs(kubectlRuns.at(-1)?.ms ?? Number.NaN)}`);
    }
    const wall = (runs: TimedRun[]) => runs.map((r) => r.ms);
    const cpu = (runs: TimedRun[]) => runs.map((r) => r.cpuMs ?? Number.NaN);
    const wallRatio = pairedRatio(wall(oursRuns), wall(kubectlRuns));
    const cpuRatio = pairedRatio(cpu(oursRuns), cpu(kubectlRuns));
    const what = `${RUNS.toLocaleString('en-US')} runs of ${ACTIONS_PER_RUN} (${TOTAL.toLocaleString('en-US')} TaskActions)`;
    process.stdout.write(
      renderTable({
        title,
        columns: ['benchmark', 'ours', 'baseline (same run)', 'ratio', 'target', 'result'],
        rows: [
          [`\`list\` over ${what}: wall`, `${formatMs(median(wall(oursRuns)))} (\`kubectl kueue list\`)`, `${formatMs(median(wall(kubectlRuns)))} (\`kubectl get taskactions -o json\`)`, formatRatio(wallRatio, 'times'), `<= ${TARGET.toFixed(1)}x`, verdict(wallRatio, TARGET, 'at most')],
          [`\`list\` over ${what}: CPU (user + system)`, formatMs(median(cpu(oursRuns))), formatMs(median(cpu(kubectlRuns))), formatRatio(cpuRatio, 'times'), `<= ${TARGET.toFixed(1)}x`, verdict(cpuRatio, TARGET, 'at most')],
        ],
        notes: [
          `machine: ${machineDescription()}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end`,
          `cluster: ${cluster.description}`,
          `objects: each run a root and 9 children created through the raw client (16 in flight), every root's status patched to Succeeded and every tenth run's first child to Failed; ${formatMs(seedMs)} in all`,
          `both sides: the whole process, output piped and discarded, ${ROUNDS} alternating rounds; ratio = median of the per-round ratios; CPU from GNU time`,
          `wall: ours ${wall(oursRuns).map(formatMs).join(', ')}; kubectl ${wall(kubectlRuns).map(formatMs).join(', ')}`,
          `CPU: ours ${cpu(oursRuns).map(formatMs).join(', ')}; kubectl ${cpu(kubectlRuns).map(formatMs).join(', ')}`,
        ],
      }),
    );
  } finally {
    await cluster.close();
  }
}

main().catch(reportFailure('[bench/list] failed: '));
