// bench/queue: enqueue, tree and abort against the real control plane, each next to its floor measured in the
// same run. Run alone with `node --import tsx bench/queue/run.ts`, or with every bench via `npm run bench`.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { abortRun } from '../../shared/queue/abort.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { type BenchCluster } from '../support/bench-cluster.js';
import { clusterOrSkip } from '../support/cluster-or-skip.js';
import { timeCommand } from '../support/child-process-timing.js';
import { builtCli } from '../support/cli-build.js';
import { reportFailure } from '../support/failure-report.js';
import { loadAverage, machineDescription } from '../support/machine.js';
import { formatMs, formatRate, formatRatio, median, pairedRatio } from '../support/stats.js';
import { type ResultTable, renderTable, verdict } from '../support/table.js';
import { BENCH_RUN_SCOPE, benchRunActions, benchRunSelector, createRawObjects, prepareRawObjects } from './bench-run.js';
import { RawKubeClient } from './raw-kube-client.js';
import { benchWatchForUpdates } from './watch-for-updates.js';

const CONCURRENCY = 16;
const ENQUEUE_ACTIONS = 1000;
const ENQUEUE_CHILDREN = 10;
const ENQUEUE_ROUNDS = 5;
const TREE_ACTIONS = 5000;
const TREE_CHILDREN = 50;
const TREE_RUNS = 7;
const ABORT_ACTIONS = 1000;
const ABORT_ROUNDS = 2;
/** Quiet time after creating a run, so that the garbage collector has taken in every new object before the delete. */
const SETTLE_MS = 3000;
const RAW_POLL_MS = 100;

const log = (line: string) => process.stderr.write(`[bench/queue] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

interface Context {
  cluster: BenchCluster;
  cli: string;
}

async function enqueueOurs(ctx: Context, runName: string, total: number, children: number): Promise<number> {
  const { namespace, client } = await ctx.cluster.freshNamespace('bench-enq-ours');
  const actions = benchRunActions(runName, total, children);
  let created = 0;
  const ms = await timed(async () => {
    const results = await enqueueActions(client, actions, { namespace, concurrency: CONCURRENCY });
    created = results.filter((r) => r.outcome === 'created').length;
  });
  if (created !== total) throw new Error(`enqueueActions created ${created} of ${total} actions`);
  return ms;
}

async function enqueueRaw(
  ctx: Context,
  runName: string,
  total: number,
  children: number,
  prefix = 'bench-enq-raw',
): Promise<{ ms: number; namespace: string; client: HttpKubeClient }> {
  const { namespace, client } = await ctx.cluster.freshNamespace(prefix);
  const levels = prepareRawObjects(benchRunActions(runName, total, children), namespace);
  // A new client (new connections) each time, like the HttpKubeClient of each of our rounds.
  const raw = await RawKubeClient.connect(ctx.cluster.kubeconfig, CONCURRENCY);
  try {
    const ms = await timed(() => createRawObjects(raw, namespace, levels, CONCURRENCY));
    return { ms, namespace, client };
  } finally {
    raw.close();
  }
}

async function benchEnqueue(ctx: Context): Promise<{ row: string[]; notes: string[] }> {
  log('enqueue: warm-up');
  await enqueueOurs(ctx, 'warmup', 100, 10);
  await enqueueRaw(ctx, 'warmup', 100, 10);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < ENQUEUE_ROUNDS; round++) {
    // Alternate which client goes first, so neither always inherits the other's leftover server work.
    const order = round % 2 === 0 ? ['raw', 'ours'] : ['ours', 'raw'];
    for (const who of order) {
      const ms =
        who === 'ours'
          ? await enqueueOurs(ctx, 'bench-enqueue', ENQUEUE_ACTIONS, ENQUEUE_CHILDREN)
          : (await enqueueRaw(ctx, 'bench-enqueue', ENQUEUE_ACTIONS, ENQUEUE_CHILDREN)).ms;
      (who === 'ours' ? ours : raw).push(ms);
      log(`enqueue round ${round + 1}: ${who} ${formatMs(ms)}`);
    }
  }
  const oursRate = (ENQUEUE_ACTIONS / median(ours)) * 1000;
  const rawRate = (ENQUEUE_ACTIONS / median(raw)) * 1000;
  const ratio = pairedRatio(raw, ours);
  return {
    row: [
      `enqueue ${ENQUEUE_ACTIONS.toLocaleString('en-US')} actions (depth 3, concurrency ${CONCURRENCY})`,
      `${formatRate(oursRate, 'actions/s')} (enqueueActions)`,
      `${formatRate(rawRate, 'actions/s')} (raw node:https, keep-alive)`,
      `${formatRatio(ratio, 'percent')} of raw`,
      '>= 80%',
      verdict(ratio, 0.8, 'at least'),
    ],
    notes: [`enqueue: median of ${ENQUEUE_ROUNDS} rounds, each in a fresh namespace; ours ${ours.map(formatMs).join(', ')}; raw ${raw.map(formatMs).join(', ')}`],
  };
}

function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

async function benchTree(ctx: Context): Promise<{ row: string[]; notes: string[] }> {
  const runName = 'bench-tree';
  log(`tree: creating ${TREE_ACTIONS} TaskActions with the raw client`);
  const { ms: createMs, namespace } = await enqueueRaw(ctx, runName, TREE_ACTIONS, TREE_CHILDREN, 'bench-tree');
  log(`tree: created in ${formatMs(createMs)}`);
  const ours = [ctx.cli, 'tree', runName, '--kubeconfig', ctx.cluster.kubeconfig, '-n', namespace];
  const kubectl = ['get', 'taskactions', '-o', 'json', '-n', namespace, '--kubeconfig', ctx.cluster.kubeconfig];

  // Outside the clock: both commands really see the whole set (the first kubectl call also fills its discovery cache).
  const tree = spawnSync(process.execPath, ours, { encoding: 'utf8', maxBuffer: 1 << 30 });
  // The run's header counts its actions in its progress (`0/5000`).
  if (tree.status !== 0 || !new RegExp(`\\d/${TREE_ACTIONS}\\b`).test(tree.stdout)) {
    throw new Error(`kubectl kueue tree did not show ${TREE_ACTIONS} actions (exit ${tree.status}):\n${tree.stderr}${tree.stdout.slice(0, 300)}`);
  }
  const hasKubectl = kubectlAvailable();
  if (hasKubectl) {
    const listed = spawnSync('kubectl', kubectl, { encoding: 'utf8', maxBuffer: 1 << 30 });
    const count = listed.status === 0 ? (JSON.parse(listed.stdout) as { items: unknown[] }).items.length : -1;
    if (count !== TREE_ACTIONS) throw new Error(`kubectl get listed ${count} TaskActions, not ${TREE_ACTIONS}:\n${listed.stderr}`);
  }

  const oursMs: number[] = [];
  const kubectlMs: number[] = [];
  for (let i = 0; i < TREE_RUNS; i++) {
    oursMs.push((await timeCommand(process.execPath, ours)).ms);
    if (hasKubectl) kubectlMs.push((await timeCommand('kubectl', kubectl)).ms);
  }
  const ratio = hasKubectl ? pairedRatio(oursMs, kubectlMs) : Number.NaN;
  log(`tree: ours ${formatMs(median(oursMs))}, kubectl ${hasKubectl ? formatMs(median(kubectlMs)) : 'not installed'}`);
  return {
    row: [
      `\`tree RUN\` over ${TREE_ACTIONS.toLocaleString('en-US')} TaskActions`,
      `${formatMs(median(oursMs))} (\`kubectl kueue tree\`)`,
      hasKubectl ? `${formatMs(median(kubectlMs))} (\`kubectl get taskactions -o json\`)` : 'kubectl not installed',
      hasKubectl ? formatRatio(ratio, 'times') : 'n/a',
      '<= 1.5x',
      hasKubectl ? verdict(ratio, 1.5, 'at most') : 'n/a',
    ],
    notes: [
      `tree: wall time of the whole process, output piped and discarded, median of ${TREE_RUNS} alternating runs; ours ${oursMs.map(formatMs).join(', ')}` +
        (hasKubectl ? `; kubectl ${kubectlMs.map(formatMs).join(', ')}` : ''),
    ],
  };
}

async function abortOurs(client: HttpKubeClient, namespace: string, runName: string): Promise<number> {
  return timed(() => abortRun(client, benchRunSelector(runName), { namespace, propagationPolicy: 'Background', wait: true, timeoutMs: 600_000 }));
}

/** The floor: one DELETE of the root, then a cheap `limit=1` list every 100 ms until the namespace is empty. */
async function abortRaw(kubeconfig: string, namespace: string, runName: string): Promise<number> {
  const collection = `/apis/flyte.org/v1/namespaces/${namespace}/taskactions`;
  const root = taskActionName({ ...BENCH_RUN_SCOPE, runName, actionName: 'root' });
  const raw = await RawKubeClient.connect(kubeconfig, 1);
  try {
    return await timed(async () => {
      await raw.json('DELETE', `${collection}/${root}`, { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' });
      while ((await raw.json<{ items: unknown[] }>('GET', `${collection}?limit=1`)).items.length > 0) await sleep(RAW_POLL_MS);
    });
  } finally {
    raw.close();
  }
}

async function benchAbort(ctx: Context): Promise<{ row: string[]; notes: string[] }> {
  const runName = 'bench-abort';
  const ours: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < ABORT_ROUNDS; round++) {
    const order = round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
    for (const who of order) {
      const { namespace, client } = await enqueueRaw(ctx, runName, ABORT_ACTIONS, ENQUEUE_CHILDREN, `bench-abort-${who}`);
      await sleep(SETTLE_MS);
      let ms: number;
      if (who === 'ours') {
        ms = await abortOurs(client, namespace, runName);
        ours.push(ms);
      } else {
        ms = await abortRaw(ctx.cluster.kubeconfig, namespace, runName);
        raw.push(ms);
      }
      log(`abort round ${round + 1}: ${who} ${formatMs(ms)}`);
    }
  }
  const ratio = pairedRatio(ours, raw);
  return {
    row: [
      `abort a ${ABORT_ACTIONS.toLocaleString('en-US')}-action run (Background), until all are gone`,
      `${formatMs(median(ours))} (abortRun with wait)`,
      `${formatMs(median(raw))} (raw DELETE of the root + poll every ${RAW_POLL_MS} ms)`,
      formatRatio(ratio, 'times'),
      'report only',
      'n/a',
    ],
    notes: [
      `abort: the same garbage collector deletes both runs, one after the other; median of ${ABORT_ROUNDS} rounds; ours ${ours.map(formatMs).join(', ')}; raw ${raw.map(formatMs).join(', ')}`,
    ],
  };
}

async function main(): Promise<void> {
  const cli = builtCli();
  const title = 'queue';
  const cluster = await clusterOrSkip(title, log);
  if (cluster === undefined) return;
  const loadBefore = loadAverage();
  try {
    const ctx: Context = { cluster, cli };
    const only = process.env['KUEUE_BENCH_QUEUE_ONLY'];
    const results = only === 'watch' ? [] : [await benchEnqueue(ctx), await benchTree(ctx), await benchAbort(ctx)];
    const watch = await benchWatchForUpdates(cluster, cli);
    const table: ResultTable = {
      title,
      columns: ['benchmark', 'ours', 'baseline (same run)', 'ratio', 'target', 'result'],
      rows: [...results.map((r) => r.row), ...watch.rows],
      notes: [
        `machine: ${machineDescription()}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end`,
        `cluster: ${cluster.description}`,
        'ratio: median of the per-round ratios (both sides of a round run back to back, which cancels slow swings in machine load); rates and times: medians',
        ...results.flatMap((r) => r.notes),
        ...watch.notes,
      ],
    };
    process.stdout.write(renderTable(table));
  } finally {
    await cluster.close();
  }
}

main().catch(reportFailure('[bench/queue] failed: '));
