// The executor under measurement, in its own process (its own event loop, as in production), run from the
// sources so a stale build can never be measured. Prints `ready` once it acts; stops cleanly on SIGTERM.
// Answers `heap` on stdin with `heap <bytes>`: the heap in use after a full collection under --expose-gc.
//   node --import tsx bench/executor/executor-process.ts <kubeconfig> <namespace> event-driven|polling [selector]
import { errorMessage } from '../../shared/errors/error-message.js';
import { Executor } from '../../shared/executor/executor.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { conditionPluginEntries } from '../../shared/plugins/condition/index.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';

/** Flyte's executor requeues every action 5 s after each reconcile and is not woken by its Pods. */
const UPSTREAM_REQUEUE_MS = 5000;

async function main(kubeconfig: string, namespace: string, mode: 'event-driven' | 'polling', labelSelector: string | undefined): Promise<void> {
  const client = new HttpKubeClient(loadConnection({ kubeconfig, namespace }, {}));
  const executor = new Executor({
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
