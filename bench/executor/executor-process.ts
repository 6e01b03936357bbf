// The executor under measurement, in its own process (its own event loop, as in production), run from the
// sources so a stale build can never be measured. Prints `ready` once it acts; stops cleanly on SIGTERM.
// Answers `heap` on stdin with `heap <bytes>`: the heap in use after a full collection under --expose-gc; and
// `waits` with `waits <json>`: how long reconciles waited in the work queue since the last `waits`, by urgency,
// and how late the event loop ran its timers over the same time (`eventLoopDelay`: what every watch event and
// every answer waited before this process could look at it).
//   node --import tsx bench/executor/executor-process.ts <kubeconfig> <namespace> event-driven|polling [selector]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { errorMessage } from '../../shared/errors/error-message.js';
import { Executor } from '../../shared/executor/executor.js';
import { type Urgency } from '../../shared/executor/work-queue.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { conditionPluginEntries } from '../../shared/plugins/condition/index.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';

/**
 * Waits as a histogram (milliseconds to two significant digits, and their counts), so that measuring them does not
 * grow the heap that bench/scale reads per action.
 */
type WaitHistogram = Map<number, number>;

function emptyWaits(): Record<Urgency, WaitHistogram> {
  return { first: new Map(), urgent: new Map(), ordinary: new Map() };
}

function count(histogram: WaitHistogram, ms: number): void {
  const bucket = ms < 100 ? Math.round(ms) : Number(ms.toPrecision(2));
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
}

function summarize(histogram: WaitHistogram): { count: number; p50: number; p99: number } {
  const buckets = [...histogram].sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  const at = (p: number) => {
    let seen = 0;
    for (const [ms, n] of buckets) if ((seen += n) >= Math.ceil((p / 100) * total)) return ms;
    return Number.NaN;
  };
  return { count: total, p50: at(50), p99: at(99) };
}

/** Flyte's executor requeues every action 5 s after each reconcile and is not woken by its Pods. */
const UPSTREAM_REQUEUE_MS = 5000;

async function main(kubeconfig: string, namespace: string, mode: 'event-driven' | 'polling', labelSelector: string | undefined): Promise<void> {
  const client = new HttpKubeClient(loadConnection({ kubeconfig, namespace }, {}));
  let waits = emptyWaits();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const executor = new Executor({
    onQueueWait: (ms, urgency) => count(waits[urgency], ms),
    client,
    namespace,
    ...(labelSelector !== undefined ? { labelSelector } : {}),
    plugins: [...podPluginEntries(), ...conditionPluginEntries()],
    // The upstream design, emulated with the same engine: no Pod watch, every action looked at every 5 s.
    ...(mode === 'polling' ? { watchPluginObjects: false, resyncMs: UPSTREAM_REQUEUE_MS } : {}),
  });

  process.once('SIGTERM', () => {
    void executor.stop().then(() => {
      client.close();
      process.exit(0);
    });
  });

  // For memory per action (bench/scale).
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (data: string) => {
    if (data.includes('waits')) {
      const summary: Record<string, { count: number; p50: number; p99: number; max?: number }> = Object.fromEntries(
        Object.entries(waits).map(([urgency, histogram]) => [urgency, summarize(histogram)]),
      );
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      summary.eventLoopDelay = { count: loopDelay.count, p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
      waits = emptyWaits();
      loopDelay.reset();
      process.stdout.write(`waits ${JSON.stringify(summary)}\n`);
    }
    if (!data.includes('heap')) return;
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(`heap ${process.memoryUsage().heapUsed}\n`);
  });

  await executor.start();
  await pollUntil(() => Promise.resolve(executor.isLeader), { timeoutMs: 30_000, what: () => 'the executor to take the lease' });
  process.stdout.write('ready\n');
}

const [kubeconfig, namespace, mode, labelSelector] = process.argv.slice(2);
if (kubeconfig === undefined || namespace === undefined || (mode !== 'event-driven' && mode !== 'polling')) {
  process.stderr.write('usage: executor-process.ts KUBECONFIG NAMESPACE event-driven|polling [LABEL_SELECTOR]\n');
  process.exitCode = 2;
} else {
  main(kubeconfig, namespace, mode, labelSelector).catch((err: unknown) => {
    process.stderr.write(`executor-process: ${errorMessage(err)}\n`);
    process.exit(1);
  });
}
