// bench/extension: the VS Code extension's TaskAction view with 5,000 TaskActions in the namespace, on a real
// control plane started here. Run alone with `node --import tsx bench/extension/run.ts`.
//
// 1. The view's pipeline (the extension's own watch, refresh scheduler, forest and row rendering) in this Node
//    process: first load, status change on the cluster -> row shows it (p50), heap with the tree, and the heap
//    over 10,000 watch events.
// 2. The extension in code-server: activation in fresh windows, the extension host's memory with the tree shown,
//    and status change -> the row in the page shows it (p50).
// 3. The view on 50 runs of 10 actions in code-server: opening it until the rows are drawn (floors: an empty
//    namespace's welcome text, a plain client's list), and Filter Runs... until the matching runs are shown (floor:
//    accepting a filter that changes nothing). `--runs-view-only` measures activation and this part alone.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { NAMESPACES } from '../../shared/kube/resource-type.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { acquireTestCluster } from '../../test/harness/cluster/test-cluster.js';
import { formatMs, percentile } from '../executor/percentiles.js';
import { reportFailure } from '../support/failure-report.js';
import { benchCodeServer } from './code-server-bench.js';
import { seedTaskActions } from './seed-task-actions.js';
import { type PageTiming, VIEW_PER_RUN, VIEW_RUNS } from './runs-view-bench.js';
import { benchTreeModel } from './tree-model-bench.js';

const RUNS_VIEW_ONLY = process.argv.includes('--runs-view-only');
const VIEW_WINDOWS = 5;
const RUNS = 500;
const PER_RUN = 10;
const TOTAL = RUNS * PER_RUN;
const MODEL_SAMPLES = 60;
const UI_SAMPLES = 30;
const FLOOD_EVENTS = 10_000;
const ACTIVATION_WINDOWS = 7;
const TARGET_ACTIVATION_MS = 100;
const TARGET_UPDATE_MS = 1_000;
/** Heap the tree may gain over the whole flood before it counts as growth (V8 keeps some slack). */
const GROWTH_ALLOWANCE = 2 * 2 ** 20;

const log = (line: string) => process.stderr.write(`[bench/extension] ${line}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

const median = (values: readonly number[]) => percentile([...values], 50);
const timing = (samples: readonly PageTiming[]) => `${formatMs(median(samples.map((t) => t.ms)))} (${formatMs(median(samples.map((t) => t.hostCpuMs)))})`;
const ratio = (samples: readonly PageTiming[], floor: readonly PageTiming[]) => `${(median(samples.map((t) => t.ms)) / median(floor.map((t) => t.ms))).toFixed(2)}x`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const acquired = await acquireTestCluster(log);
  if (!acquired.available) {
    log(`skipped: ${acquired.reason}`);
    return;
  }
  const { cluster } = acquired;
  const admin = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig }, {}));
  try {
    const kubeVersion = await admin.getRaw('/version').then((text) => (JSON.parse(text) as { gitVersion?: string }).gitVersion ?? '?');
    const suffix = randomBytes(3).toString('hex');
    const [namespace, viewNamespace, emptyNamespace] = [`bench-tree-${suffix}`, `bench-runs-${suffix}`, `bench-empty-${suffix}`];
    for (const name of [namespace, viewNamespace, emptyNamespace]) await admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    const client = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig, namespace }, {}));
    const viewClient = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig, namespace: viewNamespace }, {}));
    if (!RUNS_VIEW_ONLY) {
      const seeded = performance.now();
      await seedTaskActions(client, namespace, RUNS, PER_RUN);
      log(`${TOTAL} TaskActions created in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    }

    const model = RUNS_VIEW_ONLY ? undefined : await benchTreeModel(client, namespace, TOTAL, { samples: MODEL_SAMPLES, floodEvents: FLOOD_EVENTS, log });
    const ui = await benchCodeServer({
      kubeconfig: cluster.kubeconfig,
      namespace,
      client,
      windows: ACTIVATION_WINDOWS,
      uiSamples: UI_SAMPLES,
      largeTree: !RUNS_VIEW_ONLY,
      runsView: {
        namespace: viewNamespace,
        emptyNamespace,
        client: viewClient,
        list: async () => (await viewClient.list(TASKACTIONS, viewNamespace)).items.length,
        windows: VIEW_WINDOWS,
      },
      log,
    });
    client.close();
    viewClient.close();

    const rows: string[][] = [];
    if ('skipped' in ui) {
      rows.push(['activation (code-server)', `skipped: ${ui.skipped}`, '< 100 ms', 'n/a']);
    } else {
      const activation = ui.activations.map((a) => a.activateMs);
      const p50 = percentile(activation, 50);
      rows.push(['activation in code-server, p50 (max)', `${formatMs(p50)} (${formatMs(Math.max(...activation))})`, `< ${TARGET_ACTIVATION_MS} ms`, met(p50 < TARGET_ACTIVATION_MS)]);
      rows.push(['cluster bundle load on first use, p50', formatMs(percentile(ui.activations.map((a) => a.clusterBundleMs), 50)), '', '']);
      const view = ui.runsView;
      rows.push([`view opened -> ${VIEW_RUNS} runs of ${VIEW_PER_RUN} drawn, median (host CPU)`, timing(view.openRows), '', '']);
      rows.push(['  floor: view opened on an empty namespace -> welcome text', timing(view.openEmpty), '', '']);
      rows.push(['  floor: the same 500 TaskActions listed by a plain client (its CPU)', timing(view.plainList), '', '']);
      rows.push(['  ratio: rows drawn / empty view (wall)', ratio(view.openRows, view.openEmpty), '', '']);
      rows.push(['Filter Runs... accepted -> matching runs shown, median (host CPU)', timing(view.filter), '', '']);
      rows.push(['  floor: unchanged filter accepted -> quick input closed', timing(view.filterFloor), '', '']);
      rows.push(['  ratio: filter / floor (wall)', ratio(view.filter, view.filterFloor), '', '']);
      if (ui.largeTree !== undefined) {
        const tree = ui.largeTree;
        rows.push(['view opened -> 5,000-action tree drawn', formatMs(tree.firstRowsMs), '', '']);
        const uiP50 = percentile(tree.uiUpdateMs, 50);
        rows.push(['status change -> row in the page, p50 (p95)', `${formatMs(uiP50)} (${formatMs(percentile(tree.uiUpdateMs, 95))})`, `< ${formatMs(TARGET_UPDATE_MS)}`, met(uiP50 < TARGET_UPDATE_MS)]);
        rows.push(['extension host RSS: before the view -> with the tree', `${mib(tree.hostRssBefore)} -> ${mib(tree.hostRssWithTree)} (+${mib(tree.hostRssWithTree - tree.hostRssBefore)})`, '', '']);
      }
    }
    if (model !== undefined) {
      const modelP50 = percentile(model.updateMs, 50);
      const firstHeap = model.flood[0]?.heap ?? Number.NaN;
      const lastHeap = model.flood.at(-1)?.heap ?? Number.NaN;
      const growth = lastHeap - firstHeap;
      rows.push(['status change -> tree model row, p50 (p95)', `${formatMs(modelP50)} (${formatMs(percentile(model.updateMs, 95))})`, `< ${formatMs(TARGET_UPDATE_MS)}`, met(modelP50 < TARGET_UPDATE_MS)]);
      rows.push(['first load of 5,000 TaskActions into the tree model', formatMs(model.initialLoadMs), '', '']);
      rows.push(['retained heap of the watch cache and tree model (5,000 rows)', mib(model.heapWithTree - model.heapBefore), '', '']);
      rows.push([
        `retained heap over ${FLOOD_EVENTS.toLocaleString('en-US')} watch events`,
        model.flood.map((f) => mib(f.heap)).join(' -> '),
        'no growth',
        met(growth < GROWTH_ALLOWANCE),
      ]);
    }
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const out = [
      '### extension',
      '',
      table(['measure', 'result', 'target', ''], rows),
      '',
      `- ${RUNS_VIEW_ONLY ? '' : `${TOTAL.toLocaleString('en-US')} TaskActions in the namespace: ${RUNS} runs of ${PER_RUN} actions (a root and 9 children), created through the queue core; `}local control plane (kube-apiserver ${kubeVersion}, etcd) on ${os.cpus().length} x ${cpu}, Node ${process.version}.`,
      `- Activation: \`activate()\` of the installed extension in ${ACTIVATION_WINDOWS} fresh code-server windows (loading extension.js and registering everything; the Kubernetes client is not loaded${'skipped' in ui ? '' : ui.activations.some((a) => a.clusterLoadedByActivation) ? ' -- but it WAS in some window' : ', checked in every window'}; nor are the authoring checks${'skipped' in ui ? '' : ui.activations.some((a) => a.authoringLoadedByActivation) ? ' -- but they WERE in some window' : ', checked in every window'}).`,
      `- ${VIEW_RUNS} runs of ${VIEW_PER_RUN} (every fifth with a failed child, even runs labelled team=ml) in a namespace of their own: the view opened in ${VIEW_WINDOWS} fresh windows (click on the activity bar -> the first run row), alternating with ${VIEW_WINDOWS} windows on an empty namespace (-> the welcome text); the plain client lists the same TaskActions ${VIEW_WINDOWS * 2} times in this process. Filter Runs... with Failed and \`team=ml\`, one sample in each of those windows, from Enter on the selector to exactly the matching runs shown; the floor is Enter on a filter that changes nothing until the quick input closes. Medians; host CPU is the window's extension host's user+system time over the same interval (/proc, 10 ms ticks).`,
      ...(model === undefined ? [] : [`- Status changes: an executor-shaped status patch of one action (Running, then Succeeded) through the status subresource; ${MODEL_SAMPLES} samples against the model, ${UI_SAMPLES} against the page; repaints are at most every 250 ms by design.`,
        `- Memory: the extension host's resident set (VmRSS) before the view was opened and 5 s after the tree was drawn; the watch cache and tree model's retained heap after full GCs in this process, before and after the tree, then (after one round that gives every TaskAction a status, so objects stop growing) every ${(FLOOD_EVENTS / 5).toLocaleString('en-US')} events of a flood of ${FLOOD_EVENTS.toLocaleString('en-US')} status patches (32 in flight, ${formatMs(model.floodMs)}, ${model.repaintsDuringFlood} repaints, ${model.rows} rows at the end).`,
      ]),
      '',
    ].join('\n');
    process.stdout.write(out);
  } finally {
    admin.close();
    await cluster.stop();
  }
}

main().catch(reportFailure('bench/extension: '));
