import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { CLI_BUNDLE, assertBuilt, runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, isSucceeded, listRun } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

/** One sample line of the Prometheus text format: `name{labels} value`. */
function sample(metrics: string, name: string, labels: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{${labels}} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe.skipIf(clusterUnavailable())('kubectl kueue executor: probes and metrics', () => {
  const ns = useClusterNamespace('exec-probes');
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  /** Starts the executor with both servers on free ports; resolves with their addresses once it logged them. */
  async function startExecutor(lease: string): Promise<{ health: string; metrics: string; stderr: () => string }> {
    assertBuilt();
    const child = spawn(
      process.execPath,
      [CLI_BUNDLE, 'executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--lease-name', lease, '--health-probe-bind-address', '127.0.0.1:0', '--metrics-bind-address', '127.0.0.1:0'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stops.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    const addresses = () => [...stderr.matchAll(/msg="serving probes" address=(\S+)/g)].map((m) => m[1] ?? '');
    await pollUntil(() => Promise.resolve(addresses().length === 2), { timeoutMs: 30_000, what: () => `both probe addresses (stderr: ${stderr})` });
    const [health = '', metrics = ''] = addresses();
    return { health, metrics, stderr: () => stderr };
  }

  it('answers /healthz, /readyz once synced, and /metrics with actions, transitions, reconciles and API requests', async () => {
    const executor = await startExecutor('probes');
    expect(executor.health).not.toBe(executor.metrics);
    const healthz = await fetch(`http://${executor.health}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.text()).toBe('OK');
    await pollUntil(async () => (await fetch(`http://${executor.health}/readyz`)).status === 200, { timeoutMs: 30_000, what: () => '/readyz to answer 200' });
    // Each server serves only its own paths, as controller-runtime's do.
    expect((await fetch(`http://${executor.health}/metrics`)).status).toBe(404);
    expect((await fetch(`http://${executor.metrics}/healthz`)).status).toBe(404);
    expect((await fetch(`http://${executor.health}/healthz`, { method: 'POST' })).status).toBe(405);

    await enqueueRun(ns.client, ns.namespace, 'metered', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template },
    ]);
    await pollUntil(async () => (await listRun(ns.client, ns.namespace, 'metered')).every(isSucceeded), { timeoutMs: 60_000, what: () => 'the run to succeed' });
    // The executor counts what it saw through its informer, and a transition once the answer to its status write
    // arrives, which can come after the watch event of that write: wait until both caught up with the cluster.
    let text = '';
    await pollUntil(
      async () => {
        const res = await fetch(`http://${executor.metrics}/metrics`);
        text = await res.text();
        return (
          res.headers.get('content-type')?.startsWith('text/plain') === true &&
          sample(text, 'kueue_executor_actions', 'phase="succeeded"') === 2 &&
          (sample(text, 'kueue_executor_transitions_total', 'phase="Completed"') ?? 0) >= 2
        );
      },
      { timeoutMs: 30_000, what: () => `2 succeeded actions and 2 transitions to Completed in /metrics:\n${text}` },
    );
    expect(sample(text, 'kueue_executor_leader', '')).toBe(1);
    expect(sample(text, 'kueue_executor_namespaces_led', '')).toBe(1);
    expect(sample(text, 'kueue_executor_synced', '')).toBe(1);
    expect(sample(text, 'kueue_executor_actions', 'phase="running"')).toBe(0);
    expect(sample(text, 'kueue_executor_transitions_total', 'phase="Completed"')).toBe(2);
    expect(sample(text, 'kueue_executor_api_requests_total', 'verb="create",resource="pods",code="201"')).toBe(2);
    expect(sample(text, 'kueue_executor_reconcile_duration_seconds_count', 'result="success"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'kueue_executor_leadership_changes_total', '')).toBe(1);
    expect(text).toMatch(/^# TYPE kueue_executor_api_request_duration_seconds histogram$/m);
    // Both actions were new when first queued; the later rounds of work under way wait at a higher urgency.
    expect(text).toMatch(/^# TYPE kueue_executor_work_queue_wait_seconds histogram$/m);
    expect(sample(text, 'kueue_executor_work_queue_wait_seconds_count', 'urgency="ordinary"')).toBeGreaterThanOrEqual(2);
    const laterRounds = ['urgent', 'first'].map((u) => sample(text, 'kueue_executor_work_queue_wait_seconds_count', `urgency="${u}"`) ?? 0);
    expect(laterRounds[0]! + laterRounds[1]!).toBeGreaterThanOrEqual(2);
  });

  it('refuses a bad bind address and a port in use, naming the flag value', async () => {
    const bad = await runCli(['executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--metrics-bind-address', 'localhost:http']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('"localhost:http" is not a bind address');
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    const first = await startExecutor('busy');
    const busy = await runCli(['executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--lease-name', 'busy2', '--health-probe-bind-address', first.health]);
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain(`cannot listen on ${first.health}: the port is in use`);
  });
});
