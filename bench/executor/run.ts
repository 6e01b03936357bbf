// bench/executor: how fast the executor reacts, against the upstream design (requeue every 5 s, Pods not
// watched), both on a real control plane started here. Run alone with `node --import tsx bench/executor/run.ts`.
//
// Measured from this process through watches: TaskAction create request -> its Pod appears; Pod Succeeded ->
// TaskAction Succeeded condition; and 500 actions driven to Succeeded. The executor runs in its own process.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { NAMESPACES } from '../../shared/kube/resource-type.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { acquireTestCluster } from '../../test/harness/cluster/test-cluster.js';
import { reportFailure } from '../support/failure-report.js';
import { waitFor } from '../support/wait-for.js';
import { type ExecutorMode, ExecutorProcess } from './executor-process-handle.js';
import { formatMs, percentile, speedup } from './percentiles.js';
import { type Milestones, TimelineProbe } from './timeline-probe.js';

const LATENCY_SAMPLES = 100;
/** Gap between latency samples: light load, so the numbers are reaction times rather than queueing. */
const SAMPLE_SPACING_MS = 100;
const THROUGHPUT_ACTIONS = 500;
const TARGET_P50_MS = 200;
const IDENTITY = { org: 'bench', project: 'exec', domain: 'dev' };

type Mode = ExecutorMode;

interface ModeResult {
  toPod: number[];
  toSucceeded: number[];
  throughputMs: number;
  /** Where the throughput run's time went, from its start: last create answered, last Pod seen, last Pod done. */
  enqueuedMs: number;
  lastPodCreatedMs: number;
  lastPodFinishedMs: number;
}

const log = (line: string) => process.stderr.write(`[bench/executor] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

async function measure(kubeconfig: string, mode: Mode): Promise<ModeResult> {
  const namespace = `bench-exec-${mode === 'polling' ? 'poll' : 'event'}-${randomBytes(3).toString('hex')}`;
  const client = new HttpKubeClient(loadConnection({ kubeconfig, namespace }, {}));
  await client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const probe = new TimelineProbe(client, namespace);
  await probe.start();
  const executor = await ExecutorProcess.start(kubeconfig, namespace, mode);
  try {
    log(`${mode}: ${LATENCY_SAMPLES} actions, one every ${SAMPLE_SPACING_MS} ms`);
    const requested = new Map<string, number>();
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const action: ActionDescription = { ...IDENTITY, runName: `lat-${i}`, actionName: 'a0', taskTemplate: template };
      requested.set(taskActionName(action), performance.now());
      await enqueueActions(client, [action], { namespace });
      await sleep(SAMPLE_SPACING_MS);
    }
    await waitFor(() => probe.succeededCount() >= LATENCY_SAMPLES, 120_000, () => `${LATENCY_SAMPLES} actions to succeed (${probe.succeededCount()} did)`);
    const { toPod, toSucceeded } = probe.latencies(requested);

    log(`${mode}: ${THROUGHPUT_ACTIONS} actions in one run`);
    const actions: ActionDescription[] = Array.from({ length: THROUGHPUT_ACTIONS }, (_, i) => ({
      ...IDENTITY,
      runName: 'throughput',
      actionName: i === 0 ? 'a0' : `n${i}`,
      ...(i === 0 ? {} : { parentActionName: 'a0' }),
      taskTemplate: template,
    }));
    const before = probe.succeededCount();
    const started = performance.now();
    await enqueueActions(client, actions, { namespace, concurrency: 16 });
    const enqueuedMs = performance.now() - started;
    await waitFor(() => probe.succeededCount() >= before + THROUGHPUT_ACTIONS, 600_000, () => `${THROUGHPUT_ACTIONS} actions to succeed (${probe.succeededCount() - before} did)`);
    const throughputMs = performance.now() - started;
    const run = actions.map((a) => probe.byAction.get(taskActionName(a)) ?? {});
    const last = (pick: (m: Milestones) => number | undefined) => Math.max(...run.map((m) => (pick(m) ?? Number.NaN) - started));
    return {
      toPod,
      toSucceeded,
      throughputMs,
      enqueuedMs,
      lastPodCreatedMs: last((m) => m.podCreated),
      lastPodFinishedMs: last((m) => m.podFinished),
    };
  } finally {
    await executor.stop();
    probe.stop();
    await client.delete(NAMESPACES, undefined, namespace).catch(() => undefined);
    client.close();
  }
}

function row(label: string, ours: number, upstream: number, target?: number): string[] {
  const verdict = target === undefined ? '' : ours < target ? 'met' : 'MISSED';
  return [label, formatMs(ours), formatMs(upstream), speedup(upstream, ours), verdict];
}

function breakdown(name: string, r: ModeResult): string {
  return (
    `- Where the ${THROUGHPUT_ACTIONS} actions' time went (${name}): all created after ${formatMs(r.enqueuedMs)}, last Pod created ` +
    `after ${formatMs(r.lastPodCreatedMs)}, last Pod finished after ${formatMs(r.lastPodFinishedMs)}, last Succeeded after ${formatMs(r.throughputMs)}.`
  );
}

function renderTable(ours: ModeResult, upstream: ModeResult, kubeVersion: string): string {
  const rows = [
    row('TaskAction created -> Pod created, p50', percentile(ours.toPod, 50), percentile(upstream.toPod, 50), TARGET_P50_MS),
    row('TaskAction created -> Pod created, p99', percentile(ours.toPod, 99), percentile(upstream.toPod, 99)),
    row('Pod succeeded -> Succeeded condition, p50', percentile(ours.toSucceeded, 50), percentile(upstream.toSucceeded, 50), TARGET_P50_MS),
    row('Pod succeeded -> Succeeded condition, p99', percentile(ours.toSucceeded, 99), percentile(upstream.toSucceeded, 99)),
    row(`${THROUGHPUT_ACTIONS} actions enqueued -> all Succeeded`, ours.throughputMs, upstream.throughputMs),
  ];
  const perSecond = (ms: number) => ((THROUGHPUT_ACTIONS / ms) * 1000).toFixed(1);
  rows.push(['throughput (actions/s)', perSecond(ours.throughputMs), perSecond(upstream.throughputMs), speedup(upstream.throughputMs, ours.throughputMs), '']);
  const columns = ['measure', 'kueue executor', 'upstream design (5 s requeue)', 'speed-up', `target p50 < ${TARGET_P50_MS} ms`];
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return [
    '### executor',
    '',
    line(columns),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    `- Local control plane (kube-apiserver ${kubeVersion}, etcd, scheduler, kwok as the kubelet; Pods run 300 ms) on ${os.cpus().length} x ${cpu}, Node ${process.version}.`,
    `- Latencies: ${LATENCY_SAMPLES} single-action runs enqueued ${SAMPLE_SPACING_MS} ms apart; both ends of each latency seen through watches from the bench process.`,
    '- Upstream design: the same engine with the Pod watch off and every action reconciled every 5 s, which is what Flyte\'s executor does (requeue after 5 s; Pod events do not wake it because its Pods lack `controller: true`).',
    `- Throughput: one run of ${THROUGHPUT_ACTIONS} actions (a root and ${THROUGHPUT_ACTIONS - 1} children) enqueued 16 at a time; the clock runs from the first create request to the last Succeeded condition; default concurrency (16).`,
    breakdown('kueue executor', ours),
    breakdown('upstream design', upstream),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const acquired = await acquireTestCluster(log);
  if (!acquired.available) {
    log(`skipped: ${acquired.reason}`);
    return;
  }
  const { cluster } = acquired;
  try {
    const admin = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig }, {}));
    const kubeVersion = await admin.getRaw('/version').then((text) => (JSON.parse(text) as { gitVersion?: string }).gitVersion ?? '?');
    admin.close();
    const ours = await measure(cluster.kubeconfig, 'event-driven');
    const upstream = await measure(cluster.kubeconfig, 'polling');
    process.stdout.write(renderTable(ours, upstream, kubeVersion));
  } finally {
    await cluster.stop();
  }
}

main().catch(reportFailure('bench/executor: '));
