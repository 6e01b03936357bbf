// bench/scale: the executor with a large backlog of live TaskActions (20,000 by default; KUEUE_BENCH_SCALE_ACTIONS
// sets another number), on the local control plane with kwok as the kubelet. Run alone with
// `node --import tsx bench/scale/run.ts`.
//
// 1. The floor of the drain rate: the API server creating TaskActions with nothing else running, in the same run.
//    The floors of the latencies are measured beside the executor, at the same time and in the same namespace, by
//    an "executor" that makes only the API requests any executor must make (api-floor.ts).
// 2. One namespace, one executor (its own process, as in production): the backlog is created 16 requests at a
//    time while the executor drains it. Memory per action from the executor's heap after a full collection,
//    against its heap once a few warm-up actions ran (so code compiled on first use is not counted per action);
//    create -> Pod and Pod done -> Succeeded through watches.
// 3. The same executor with no backlog: actions created at half the drain rate just measured, so create -> Pod
//    is the executor's own latency rather than the wait behind a backlog.
// 4. Ten namespaces, two `kubectl kueue executor -A` replicas sharing them through one Lease per namespace:
//    the same backlog split ten ways, drained by both.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../shared/errors/connection-error.js';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type Lease } from '../../shared/executor/lease-record.js';
import { LEASES } from '../../shared/kube/resource-type.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { mapWithConcurrency } from '../../shared/queue/map-with-concurrency.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { cpuTimeMs } from '../extension/process-cpu.js';
import { formatMs, percentile } from '../executor/percentiles.js';
import { type Latencies, TimelineProbe } from '../executor/timeline-probe.js';
import { ApiFloorSampler, NOT_FLOOR_SELECTOR } from './api-floor.js';
import { ExecutorProcess, type QueueWaits, stopChild } from '../executor/executor-process-handle.js';
import { type BenchCluster } from '../support/bench-cluster.js';
import { clusterOrSkip } from '../support/cluster-or-skip.js';
import { builtCli } from '../support/cli-build.js';
import { reportFailure } from '../support/failure-report.js';
import { waitFor } from '../support/wait-for.js';
import { formatBytes, formatRate, formatRatio } from '../support/stats.js';
import { renderTable, verdict } from '../support/table.js';

const ACTIONS = Number(process.env.KUEUE_BENCH_SCALE_ACTIONS ?? 20_000);
const NAMESPACES_SHARED = 10;
/** What enqueue uses by default, and what the floor is measured with. */
const CREATE_CONCURRENCY = 16;
/** The floor's sample: enough for stable percentiles without doubling the run. */
const FLOOR_ACTIONS = Math.min(ACTIONS, 2000);
const GOAL_BYTES_PER_ACTION = 2048;
const GOAL_P50_BEYOND_MS = 50;
const GOAL_P99_BEYOND_MS = 1000;
/** Actions run before the executor's base heap is read: every code path of a run compiled, caches warm. */
const WARM_UP_ACTIONS = 50;
/** Actions created at a steady pace, with no backlog: enough for a p99. */
const PACED_ACTIONS = Math.min(1000, Math.max(100, Math.floor(ACTIONS / 10)));
/** The latency floor's actions per second: few beside the executor's, so that measuring does not load the API server. */
const FLOOR_SAMPLES_PER_S = 1;
/** The ten-namespace round can be left out (KUEUE_BENCH_SCALE_SHARED=0) when only the one-namespace figures are wanted. */
const SHARED_ROUND = process.env.KUEUE_BENCH_SCALE_SHARED !== '0';
const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

const log = (line: string) => process.stderr.write(`[bench/scale] ${line}\n`);

/** One single-action run per action: no action waits for another, so every wait is the executor's. */
const actionsNamed = (prefix: string, count: number): ActionDescription[] =>
  Array.from({ length: count }, (_, i) => ({ org: 'bench', project: `scale-${prefix}`, domain: 'dev', runName: `${prefix}-${i}`, actionName: 'a0', taskTemplate: template }));

interface Created {
  /** performance.now() when each action's create request was sent, by TaskAction name. */
  sentAt: Map<string, number>;
  /** Each create request's round trip, ms. */
  latencies: number[];
  wallMs: number;
}

async function createAll(client: HttpKubeClient, namespace: string, actions: ActionDescription[]): Promise<Created> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const started = performance.now();
  await mapWithConcurrency(actions, CREATE_CONCURRENCY, async (action) => {
    const sent = performance.now();
    sentAt.set(taskActionName(action), sent);
    // A connection the API server drops, or a request it times out, under this load is tried again: enqueue is
    // idempotent.
    for (let attempt = 1; ; attempt++) {
      try {
        await enqueueActions(client, [action], { namespace });
        break;
      } catch (err) {
        const overloaded = err instanceof KubeConnectionError || (isKubeApiError(err) && (err.code >= 500 || err.code === 429));
        if (!overloaded || attempt >= 5) throw err;
      }
    }
    latencies.push(performance.now() - sent);
  });
  return { sentAt, latencies, wallMs: performance.now() - started };
}

/** The kube-apiserver process of the local control plane, for its CPU time (undefined on another cluster). */
function apiServerPid(): number | undefined {
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.split('\0')[0]?.endsWith('kube-apiserver')) return Number(entry);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return undefined;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

interface Floor {
  ratePerS: number;
  p50: number;
  p99: number;
}

async function measureFloor(cluster: BenchCluster): Promise<Floor> {
  const { namespace, client } = await cluster.freshNamespace('bench-scale-floor');
  log(`floor: ${FLOOR_ACTIONS} TaskActions created ${CREATE_CONCURRENCY} at a time, no executor`);
  const created = await createAll(client, namespace, actionsNamed('floor', FLOOR_ACTIONS));
  const floor = { ratePerS: (FLOOR_ACTIONS / created.wallMs) * 1000, p50: percentile(created.latencies, 50), p99: percentile(created.latencies, 99) };
  log(`floor: ${floor.ratePerS.toFixed(0)} creates/s, request p50 ${formatMs(floor.p50)}, p99 ${formatMs(floor.p99)}`);
  return floor;
}

/** One round's latencies, the executor's and the API path's measured beside it. */
interface RoundLatencies extends Latencies {
  floor: Latencies & { errors: number; firstError?: string };
}

function logRound(round: string, latencies: RoundLatencies): void {
  const line = (what: string, ours: number[], floor: number[]) =>
    `${what} p50 ${formatMs(percentile(ours, 50))} (API path ${formatMs(percentile(floor, 50))}), p99 ${formatMs(percentile(ours, 99))} (API path ${formatMs(percentile(floor, 99))})`;
  log(`${round}: ${line('create -> Pod', latencies.toPod, latencies.floor.toPod)}; ${line('Pod done -> Succeeded', latencies.toSucceeded, latencies.floor.toSucceeded)}; ${latencies.floor.toPod.length} floor samples, ${latencies.floor.errors} failed${latencies.floor.firstError !== undefined ? ` (first: ${latencies.floor.firstError})` : ''}`);
}

/** Creates `actions` one at a time at `ratePerS`, each on its own schedule whatever the previous one took. */
async function createPaced(client: HttpKubeClient, namespace: string, actions: ActionDescription[], ratePerS: number): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const intervalMs = 1000 / ratePerS;
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (const [i, action] of actions.entries()) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.set(taskActionName(action), performance.now());
    sends.push(enqueueActions(client, [action], { namespace }));
  }
  await Promise.all(sends);
  return sentAt;
}

function describeWaits(waits: QueueWaits): string {
  return Object.entries(waits)
    .map(([urgency, w]) =>
      urgency === 'eventLoopDelay'
        ? `event loop delay p50 ${formatMs(w.p50)}, p99 ${formatMs(w.p99)}, max ${formatMs(w.max ?? Number.NaN)}`
        : `${urgency} ${w.count.toLocaleString('en-US')} rounds, p50 ${formatMs(w.p50)}, p99 ${formatMs(w.p99)}`,
    )
    .join('; ');
}

interface OneNamespace extends RoundLatencies {
  created: Created;
  drainMs: number;
  baseHeap: number;
  /** Heap with every action created (most still live) and with every action done (all still stored). */
  heapAtCreated: number;
  liveAtCreated: number;
  heapAtDone: number;
  executorCpuMs: number;
  apiServerCpuMs: number | undefined;
  /** How long the executor's reconciles waited in its work queue during the backlog, by urgency. */
  backlogWaits: QueueWaits;
  /** The same executor afterwards, with actions created at half the drain rate. */
  paced: RoundLatencies & { ratePerS: number };
}

async function measureOneNamespace(cluster: BenchCluster): Promise<OneNamespace> {
  const { namespace, client } = await cluster.freshNamespace('bench-scale-one');
  const probe = new TimelineProbe(client, namespace);
  await probe.start();
  const executor = await ExecutorProcess.start(cluster.kubeconfig, namespace, 'event-driven', NOT_FLOOR_SELECTOR);
  const floors: ApiFloorSampler[] = [];
  // The executor's actions only: the floor's are the bench's own.
  const succeeded = () => probe.succeededCount((name) => !floors.some((f) => f.owns(name)));
  try {
    log(`one namespace: ${WARM_UP_ACTIONS} warm-up actions`);
    await createAll(client, namespace, actionsNamed('warm', WARM_UP_ACTIONS));
    await waitFor(() => succeeded() >= WARM_UP_ACTIONS, 600_000, () => `${WARM_UP_ACTIONS} warm-up actions to succeed (${succeeded()} did)`);
    const baseHeap = await executor.heapUsed();
    await executor.queueWaits();
    const apiPid = apiServerPid();
    const cpuBefore = executor.cpuMs();
    const apiCpuBefore = apiPid === undefined ? undefined : cpuTimeMs(apiPid);
    log(`one namespace: ${ACTIONS} actions created ${CREATE_CONCURRENCY} at a time while one executor drains them`);
    const backlogFloor = new ApiFloorSampler(client, namespace, probe, 'backlog');
    floors.push(backlogFloor);
    await backlogFloor.start(FLOOR_SAMPLES_PER_S);
    const started = performance.now();
    const created = await createAll(client, namespace, actionsNamed('one', ACTIONS));
    const liveAtCreated = ACTIONS + WARM_UP_ACTIONS - succeeded();
    const heapAtCreated = await executor.heapUsed();
    log(`one namespace: all created in ${formatMs(created.wallMs)}; executor heap ${formatBytes(heapAtCreated - baseHeap)} above the warm-up's with ${liveAtCreated} live`);
    const total = ACTIONS + WARM_UP_ACTIONS;
    await waitFor(() => succeeded() >= total, 3_600_000, () => `${ACTIONS} actions to succeed (${succeeded() - WARM_UP_ACTIONS} did)`);
    const drainMs = performance.now() - started;
    const backlog: RoundLatencies = { ...probe.latencies(created.sentAt), floor: await backlogFloor.stop() };
    logRound('backlog', backlog);
    const backlogWaits = await executor.queueWaits();
    log(`one namespace: work queue waits during the backlog ${describeWaits(backlogWaits)}`);
    const executorCpuMs = executor.cpuMs() - cpuBefore;
    const apiServerCpuMs = apiPid === undefined || apiCpuBefore === undefined ? undefined : cpuTimeMs(apiPid) - apiCpuBefore;
    const heapAtDone = await executor.heapUsed();
    log(`one namespace: drained at ${((ACTIONS / drainMs) * 1000).toFixed(2)}/s; executor heap ${formatBytes(heapAtDone - baseHeap)} above the warm-up's with all done`);

    const ratePerS = (ACTIONS / drainMs) * 1000 / 2;
    log(`one namespace, no backlog: ${PACED_ACTIONS} actions created at ${ratePerS.toFixed(1)}/s (half the drain rate)`);
    const pacedFloor = new ApiFloorSampler(client, namespace, probe, 'paced');
    floors.push(pacedFloor);
    await pacedFloor.start(FLOOR_SAMPLES_PER_S);
    const pacedSent = await createPaced(client, namespace, actionsNamed('paced', PACED_ACTIONS), ratePerS);
    const everything = total + PACED_ACTIONS;
    await waitFor(() => succeeded() >= everything, 3_600_000, () => `${PACED_ACTIONS} paced actions to succeed (${succeeded() - total} did)`);
    const paced = { ...probe.latencies(pacedSent), floor: await pacedFloor.stop(), ratePerS };
    logRound('no backlog', paced);
    return { created, drainMs, ...backlog, baseHeap, heapAtCreated, liveAtCreated, heapAtDone, executorCpuMs, apiServerCpuMs, backlogWaits, paced };
  } finally {
    // A round that failed part way leaves its sampler creating: stop it, ignoring what it measured.
    await Promise.all(floors.map((f) => f.stop(0)));
    await executor.stop();
    probe.stop();
  }
}

interface Shared {
  drainMs: number;
  /** Namespaces each replica led once the backlog was created. */
  ledBy: Map<string, number>;
}

async function measureSharedNamespaces(cluster: BenchCluster): Promise<Shared> {
  const perNamespace = Math.ceil(ACTIONS / NAMESPACES_SHARED);
  const spaces: { namespace: string; client: HttpKubeClient; probe: TimelineProbe }[] = [];
  for (let i = 0; i < NAMESPACES_SHARED; i++) {
    const { namespace, client } = await cluster.freshNamespace(`bench-scale-all-${i}`);
    const probe = new TimelineProbe(client, namespace);
    await probe.start();
    spaces.push({ namespace, client, probe });
  }
  const leaseName = 'bench-scale';
  // Only this round's actions: the floor's, never executed, stay where they are.
  const selector = 'flyte.org/project=scale-all';
  const cli = builtCli();
  const replicas = ['replica-a', 'replica-b'].map((identity) =>
    spawn(process.execPath, [cli, 'executor', '-A', '-l', selector, '--kubeconfig', cluster.kubeconfig, '--lease-name', leaseName, '--identity', identity], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const succeeded = () => spaces.reduce((sum, s) => sum + s.probe.succeededCount(), 0);
  try {
    log(`ten namespaces: ${perNamespace} actions in each, two executor -A replicas`);
    const started = performance.now();
    await Promise.all(spaces.map((s) => createAll(s.client, s.namespace, actionsNamed('all', perNamespace))));
    const ledBy = new Map<string, number>();
    for (const s of spaces) {
      const lease = await s.client.get<Lease>(LEASES, s.namespace, leaseName).catch(() => undefined);
      const holder = lease?.spec?.holderIdentity ?? 'nobody';
      ledBy.set(holder, (ledBy.get(holder) ?? 0) + 1);
    }
    const total = perNamespace * NAMESPACES_SHARED;
    await waitFor(() => succeeded() >= total, 3_600_000, () => `${total} actions to succeed (${succeeded()} did)`);
    return { drainMs: performance.now() - started, ledBy };
  } finally {
    await Promise.all(replicas.map(stopChild));
    for (const s of spaces) s.probe.stop();
  }
}

/** One latency row: ours, the API path's measured beside it, what we add beyond it, and the goal. */
function latencyRow(what: string, p: 50 | 99, ours: number[], floor: number[]): string[] {
  const mine = percentile(ours, p);
  const base = percentile(floor, p);
  const goal = p === 50 ? GOAL_P50_BEYOND_MS : GOAL_P99_BEYOND_MS;
  return [`${what}, p${p}`, formatMs(mine), `${formatMs(base)} API path`, formatMs(mine - base), verdict(mine - base, goal, 'at most')];
}

function render(floor: Floor, one: OneNamespace, shared: Shared | undefined, description: string): string {
  // Per action held: at the last create most of them are still live (queued or running).
  const perActionLive = (one.heapAtCreated - one.baseHeap) / ACTIONS;
  const perActionStored = (one.heapAtDone - one.baseHeap) / ACTIONS;
  const drainRate = (ACTIONS / one.drainMs) * 1000;
  const sharedRate = shared === undefined ? undefined : ((Math.ceil(ACTIONS / NAMESPACES_SHARED) * NAMESPACES_SHARED) / shared.drainMs) * 1000;
  const rows = [
    ['executor heap per action, most live (at the last create)', formatBytes(perActionLive), `${formatBytes(GOAL_BYTES_PER_ACTION)} goal`, formatRatio(perActionLive / GOAL_BYTES_PER_ACTION, 'times'), verdict(perActionLive, GOAL_BYTES_PER_ACTION, 'at most')],
    ['executor heap per action, all done (none live)', formatBytes(perActionStored), `${formatBytes(GOAL_BYTES_PER_ACTION)} live goal`, formatRatio(perActionStored / GOAL_BYTES_PER_ACTION, 'times'), ''],
    latencyRow('no backlog: create request sent -> Pod seen', 50, one.paced.toPod, one.paced.floor.toPod),
    latencyRow('no backlog: create request sent -> Pod seen', 99, one.paced.toPod, one.paced.floor.toPod),
    latencyRow('no backlog: Pod done -> Succeeded', 50, one.paced.toSucceeded, one.paced.floor.toSucceeded),
    latencyRow('no backlog: Pod done -> Succeeded', 99, one.paced.toSucceeded, one.paced.floor.toSucceeded),
    latencyRow('backlog: create request sent -> Pod seen', 50, one.toPod, one.floor.toPod),
    latencyRow('backlog: create request sent -> Pod seen', 99, one.toPod, one.floor.toPod),
    latencyRow('backlog: Pod done -> Succeeded', 50, one.toSucceeded, one.floor.toSucceeded),
    latencyRow('backlog: Pod done -> Succeeded', 99, one.toSucceeded, one.floor.toSucceeded),
    ['drain rate, one namespace', formatRate(drainRate, 'actions/s'), formatRate(floor.ratePerS, 'creates/s'), formatRatio(drainRate / floor.ratePerS, 'percent'), ''],
    sharedRate === undefined
      ? [`drain rate, ${NAMESPACES_SHARED} namespaces, two -A replicas`, 'not run (KUEUE_BENCH_SCALE_SHARED=0)', '', '', '']
      : [`drain rate, ${NAMESPACES_SHARED} namespaces, two -A replicas`, formatRate(sharedRate, 'actions/s'), formatRate(floor.ratePerS, 'creates/s'), formatRatio(sharedRate / floor.ratePerS, 'percent'), ''],
    ['executor CPU per action, one namespace', formatMs(one.executorCpuMs / ACTIONS), one.apiServerCpuMs === undefined ? 'n/a' : `${formatMs(one.apiServerCpuMs / ACTIONS)} kube-apiserver`, one.apiServerCpuMs === undefined ? 'n/a' : formatRatio(one.executorCpuMs / one.apiServerCpuMs, 'times'), ''],
  ];
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return renderTable({
    title: 'scale',
    columns: ['measure', 'kueue', 'floor (same run)', 'against the floor', 'goal'],
    rows,
    notes: [
      `${ACTIONS.toLocaleString('en-US')} single-action runs (busybox Pods that kwok finishes after 300 ms); cluster: ${description}; ${os.cpus().length} x ${cpu}, Node ${process.version}.`,
      `Drain rate floor: ${FLOOR_ACTIONS} TaskActions created ${CREATE_CONCURRENCY} at a time with no executor running (request p50 ${formatMs(floor.p50)}, p99 ${formatMs(floor.p99)}).`,
      `Latency floor ("API path"): beside the executor, in the same namespace and at the same time, ${FLOOR_SAMPLES_PER_S} action a second driven by the bench through only the requests any executor must make (enqueue; on the watch event the finalizer patch, then the Pod; on the Pod's Succeeded event one status write), seen through the same watches (${one.floor.toPod.length} samples with the backlog, ${one.paced.floor.toPod.length} without; failed: ${one.floor.errors + one.paced.floor.errors}). The fourth column is what the executor takes beyond it (goals: p50 < ${GOAL_P50_BEYOND_MS} ms and p99 < ${formatMs(GOAL_P99_BEYOND_MS)}).`,
      `Heap: read after a full collection, against ${formatBytes(one.baseHeap)} once ${WARM_UP_ACTIONS} warm-up actions had run; per action held, live or not. ${one.liveAtCreated.toLocaleString('en-US')} of the ${ACTIONS.toLocaleString('en-US')} had not succeeded when the last create was answered.`,
      `Backlog: the actions are created while the executor drains them, so create -> Pod includes the time an action waits behind the backlog. No backlog: ${one.paced.toPod.length.toLocaleString('en-US')} more actions created one at a time at ${one.paced.ratePerS.toFixed(1)}/s, half the drain rate measured just before.`,
      `CPU: the executor process against kube-apiserver over the same drain (user + system time).`,
      `Work queue: how long the executor's reconciles waited for a worker during the backlog, by urgency (first: recording a finished Pod; urgent: other work under way; ordinary: new actions): ${describeWaits(one.backlogWaits)}.`,
      ...(shared === undefined
        ? []
        : [
            `Shared namespaces: ${Math.ceil(ACTIONS / NAMESPACES_SHARED).toLocaleString('en-US')} actions in each of ${NAMESPACES_SHARED} namespaces, two \`executor -A\` processes; namespaces led once the backlog was created: ${[...shared.ledBy].map(([who, n]) => `${who} ${n}`).join(', ')}. Both replicas share this machine's ${os.cpus().length} cores with the control plane.`,
          ]),
    ],
  });
}

async function main(): Promise<void> {
  if (!Number.isInteger(ACTIONS) || ACTIONS < NAMESPACES_SHARED) throw new Error(`KUEUE_BENCH_SCALE_ACTIONS must be a whole number of at least ${NAMESPACES_SHARED}`);
  const cluster = await clusterOrSkip('scale', log);
  if (cluster === undefined) return;
  try {
    const floor = await measureFloor(cluster);
    const one = await measureOneNamespace(cluster);
    const shared = SHARED_ROUND ? await measureSharedNamespaces(cluster) : undefined;
    process.stdout.write(render(floor, one, shared, cluster.description));
  } finally {
    await cluster.close();
  }
}

main().catch(reportFailure('bench/scale: '));
