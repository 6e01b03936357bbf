import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { ActionsService, type WatchForUpdatesResponse } from '@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.js';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { LABEL_RUN } from '../../shared/task-action/labels.js';
import { type BenchCluster } from '../support/bench-cluster.js';
import { formatMs, formatRatio, median, pairedRatio } from '../support/stats.js';
import { verdict } from '../support/table.js';
import { BENCH_RUN_SCOPE, benchRunActions, createRawObjects, prepareRawObjects } from './bench-run.js';
import { RawKubeClient, forEachLimited } from './raw-kube-client.js';

const CHILDREN = 1000;
const SENTINEL_ROUNDS = 5;
/** Status patches in flight while the update delays are measured: a busy run, not one change at a time. */
const PATCH_CONCURRENCY = 8;
const RUN = 'bench-watch';
/** Linux clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every common kernel). */
const CLOCK_TICKS = 100;

const log = (line: string) => process.stderr.write(`[bench/queue] ${line}\n`);

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** User + system CPU time a process has used so far, from /proc (Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Served {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `kubectl kueue serve` as users run it, in its own process, so its CPU time is its own. */
function startServe(cli: string, kubeconfig: string, namespace: string): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '-n', namespace, '--kubeconfig', kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined || child.pid === undefined) return;
      resolve({
        url,
        pid: child.pid,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

const parentId = { run: { project: BENCH_RUN_SCOPE.project, domain: BENCH_RUN_SCOPE.domain, name: RUN }, name: 'root' };

type Actions = ReturnType<typeof createClient<typeof ActionsService>>;

/** Opens a stream and reads it up to the sentinel: the time that took and how many updates came first. */
async function toSentinel(actions: Actions, signal: AbortSignal): Promise<{ ms: number; updates: number; rest: AsyncIterator<WatchForUpdatesResponse> }> {
  const started = performance.now();
  const stream = actions.watchForUpdates({ filter: { case: 'parentActionId', value: parentId } }, { signal });
  const iterator = stream[Symbol.asyncIterator]();
  let updates = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) throw new Error(`the stream ended after ${updates} updates, before the sentinel`);
    if (next.value.message.case === 'controlMessage') break;
    updates++;
  }
  return { ms: performance.now() - started, updates, rest: iterator };
}

/** The floor for a snapshot: one list of the same objects, read and parsed. */
async function rawList(raw: RawKubeClient, namespace: string): Promise<{ ms: number; cpuMs: number; count: number; resourceVersion: string }> {
  const cpu = ownCpuMs();
  const started = performance.now();
  const list = await raw.json<{ items: unknown[]; metadata: { resourceVersion: string } }>('GET', `/apis/flyte.org/v1/namespaces/${namespace}/taskactions?labelSelector=${encodeURIComponent(LABEL_RUN)}`);
  return { ms: performance.now() - started, cpuMs: ownCpuMs() - cpu, count: list.items.length, resourceVersion: list.metadata.resourceVersion };
}

/** A raw watch from `resourceVersion`: calls `onName` with each modified object's name as its event arrives. */
function rawWatch(raw: RawKubeClient, namespace: string, resourceVersion: string, onName: (name: string) => void): () => void {
  const path = `/apis/flyte.org/v1/namespaces/${namespace}/taskactions?watch=1&labelSelector=${encodeURIComponent(LABEL_RUN)}&resourceVersion=${resourceVersion}`;
  return raw.stream(path, (line) => {
    const event = JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
    if (event.type === 'MODIFIED') onName(event.object.metadata.name);
  });
}

export async function benchWatchForUpdates(cluster: BenchCluster, cli: string): Promise<{ rows: string[][]; notes: string[] }> {
  const { namespace, client } = await cluster.freshNamespace('bench-watch');
  const raw = await RawKubeClient.connect(cluster.kubeconfig, 16);
  log(`watch: creating a root and ${CHILDREN} children`);
  const actions = benchRunActions(RUN, CHILDREN + 1, CHILDREN);
  await createRawObjects(raw, namespace, prepareRawObjects(actions, namespace), 16);
  const served = await startServe(cli, cluster.kubeconfig, namespace);
  const service: Actions = createClient(ActionsService, createGrpcTransport({ baseUrl: served.url }));
  try {
    // Untimed warm-up of both sides.
    const warm = new AbortController();
    await toSentinel(service, warm.signal);
    warm.abort();
    await rawList(raw, namespace);

    const ours: number[] = [];
    const oursCpu: number[] = [];
    const floor: number[] = [];
    const floorCpu: number[] = [];
    for (let round = 0; round < SENTINEL_ROUNDS; round++) {
      const stop = new AbortController();
      const cpu = processCpuMs(served.pid);
      const { ms, updates } = await toSentinel(service, stop.signal);
      stop.abort();
      oursCpu.push(processCpuMs(served.pid) - cpu);
      if (updates !== CHILDREN + 1) throw new Error(`the snapshot had ${updates} updates, not ${CHILDREN + 1}`);
      ours.push(ms);
      const list = await rawList(raw, namespace);
      if (list.count !== CHILDREN + 1) throw new Error(`the list had ${list.count} objects, not ${CHILDREN + 1}`);
      floor.push(list.ms);
      floorCpu.push(list.cpuMs);
      log(`watch: sentinel round ${round + 1}: ours ${formatMs(ms)}, raw list ${formatMs(list.ms)}`);
    }

    // Update delay: one stream and one raw watch open, then every child's status patched once.
    const stop = new AbortController();
    const open = await toSentinel(service, stop.signal);
    const { resourceVersion } = await rawList(raw, namespace);
    const patchedAt = new Map<string, number>();
    const oursDelay: number[] = [];
    const rawDelay: number[] = [];
    const seen = { ours: new Set<string>(), raw: new Set<string>() };
    let settle: () => void = () => undefined;
    const allSeen = new Promise<void>((resolve) => (settle = resolve));
    const record = (who: 'ours' | 'raw', name: string) => {
      const at = patchedAt.get(name);
      if (at === undefined || seen[who].has(name)) return;
      seen[who].add(name);
      (who === 'ours' ? oursDelay : rawDelay).push(performance.now() - at);
      if (seen.ours.size === CHILDREN && seen.raw.size === CHILDREN) settle();
    };
    const stopRaw = rawWatch(raw, namespace, resourceVersion, (name) => record('raw', name.replace(/^.*-/, '')));
    const reading = (async () => {
      for (;;) {
        const next = await open.rest.next();
        if (next.done) return;
        if (next.value.message.case === 'actionUpdate') record('ours', next.value.message.value.actionId?.name ?? '');
      }
    })().catch(() => undefined);
    const children = actions.filter((a) => a.parentActionName !== undefined).map((a) => a.actionName);
    const names = new Map(children.map((child) => [child, `${BENCH_RUN_SCOPE.org}-${BENCH_RUN_SCOPE.project}-${BENCH_RUN_SCOPE.domain}-${RUN}-${child}`]));
    const cpu = processCpuMs(served.pid);
    const started = performance.now();
    await forEachLimited(children, PATCH_CONCURRENCY, async (child) => {
      patchedAt.set(child, performance.now());
      await patchExecuting(client, namespace, names.get(child) ?? '');
    });
    await Promise.race([allSeen, new Promise((_, reject) => setTimeout(() => reject(new Error(`updates missing: ours ${seen.ours.size}, raw ${seen.raw.size} of ${CHILDREN}`)), 120_000).unref())]);
    const updateWallMs = performance.now() - started;
    const updateCpuMs = processCpuMs(served.pid) - cpu;
    stop.abort();
    stopRaw();
    await reading;
    log(`watch: update delay p50 ours ${formatMs(percentile(oursDelay, 50))}, raw ${formatMs(percentile(rawDelay, 50))}`);

    const sentinelRatio = pairedRatio(ours, floor);
    const p50Ratio = percentile(oursDelay, 50) / percentile(rawDelay, 50);
    const p99Ratio = percentile(oursDelay, 99) / percentile(rawDelay, 99);
    return {
      rows: [
        [
          `WatchForUpdates: time to sentinel, root + ${CHILDREN.toLocaleString('en-US')} children`,
          `${formatMs(median(ours))} wall, ${formatMs(median(oursCpu))} server CPU (\`serve\`, gRPC)`,
          `${formatMs(median(floor))} wall, ${formatMs(median(floorCpu))} CPU (raw list of the same objects)`,
          formatRatio(sentinelRatio, 'times'),
          'report only',
          'n/a',
        ],
        [
          `WatchForUpdates: update delay, ${CHILDREN.toLocaleString('en-US')} status patches (${PATCH_CONCURRENCY} in flight), p50`,
          `${formatMs(percentile(oursDelay, 50))} (stream)`,
          `${formatMs(percentile(rawDelay, 50))} (raw watch)`,
          formatRatio(p50Ratio, 'times'),
          '<= 2x',
          verdict(p50Ratio, 2, 'at most'),
        ],
        [
          'WatchForUpdates: update delay, p99',
          `${formatMs(percentile(oursDelay, 99))} (stream)`,
          `${formatMs(percentile(rawDelay, 99))} (raw watch)`,
          formatRatio(p99Ratio, 'times'),
          'report only',
          'n/a',
        ],
      ],
      notes: [
        `watch: \`kubectl kueue serve\` in its own process, a gRPC client (@connectrpc/connect-node) in the bench's; server CPU = user + system time of the serve process from /proc; time to sentinel: median of ${SENTINEL_ROUNDS} rounds, each a new stream (so the shared watch lists again), each followed by the raw list; ours ${ours.map(formatMs).join(', ')}; raw ${floor.map(formatMs).join(', ')}`,
        `watch: update delay = from sending a child's status patch to receiving its update, on the open stream and on a raw watch of the same objects opened at the same time; ${CHILDREN} patches took ${formatMs(updateWallMs)} and ${formatMs(updateCpuMs)} of server CPU (${(updateCpuMs / CHILDREN).toFixed(2)} ms per update)`,
      ],
    };
  } finally {
    await served.stop();
    raw.close();
  }
}

async function patchExecuting(client: HttpKubeClient, namespace: string, name: string): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await client.patch(TASKACTIONS, namespace, name, { status: { conditions: [{ type: 'Progressing', status: 'True', reason: 'Executing', message: '', lastTransitionTime: now }] } }, 'merge', { subresource: 'status' });
}
