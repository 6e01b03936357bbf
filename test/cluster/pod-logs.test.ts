import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Pod } from '../../shared/kube/pod.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

const run = promisify(execFile);

function pod(name: string, annotations: Record<string, string>, containers = ['main'], initContainers: string[] = []): Pod {
  const container = (n: string) => ({ name: n, image: 'busybox', command: ['true'] });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, annotations },
    spec: { restartPolicy: 'Never', containers: containers.map(container), ...(initContainers.length > 0 ? { initContainers: initContainers.map(container) } : {}) },
  };
}

describe.skipIf(clusterUnavailable())('the test control plane serves Pod logs (kueue.test/logs)', () => {
  const ns = useClusterNamespace('pod-logs');

  async function kubectlLogs(...args: string[]): Promise<string> {
    const { stdout } = await run('kubectl', ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace, 'logs', ...args]);
    return stdout;
  }

  /** The harness creates kwok's Logs object just after the Pod; until kwok has seen it, reading the log fails. */
  async function servedLogs(name: string): Promise<void> {
    let last = '';
    await pollUntil(
      async () => {
        try {
          await kubectlLogs(name);
          return true;
        } catch (err) {
          last = String(err);
          return false;
        }
      },
      { timeoutMs: 30_000, what: () => `the log of ${name} (${last})` },
    );
  }

  async function created(body: Pod): Promise<void> {
    await ns.client.create(PODS, ns.namespace, body);
    await pollUntil(async () => (await ns.client.get<Pod>(PODS, ns.namespace, body.metadata.name ?? '')).status?.phase === 'Succeeded', {
      timeoutMs: 30_000,
      what: () => `Pod ${body.metadata.name ?? ''} to succeed`,
    });
    await servedLogs(body.metadata.name ?? '');
  }

  it('prints exactly the annotation’s lines through the API server and kwok, with timestamps on request', async () => {
    await created(pod('two-lines', { 'kueue.test/logs': 'line1\nline2' }));
    expect(await kubectlLogs('two-lines')).toBe('line1\nline2\n');
    const stamped = (await kubectlLogs('two-lines', '--timestamps')).split('\n');
    expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line1$/);
    expect(stamped[1]).toMatch(/ line2$/);
    expect(await kubectlLogs('two-lines', '--tail=1')).toBe('line2\n');
  });

  it('gives each container its own text, fills in {pod} and {container}, and leaves other containers empty', async () => {
    await created(
      pod('steps', { 'kueue.test/logs.first': 'one of {pod}\n', 'kueue.test/logs.second': '{container} a\n{container} b' }, ['first', 'second', 'third'], ['setup']),
    );
    expect(await kubectlLogs('steps', '-c', 'first')).toBe('one of steps\n');
    expect(await kubectlLogs('steps', '-c', 'second')).toBe('second a\nsecond b\n');
    expect(await kubectlLogs('steps', '-c', 'third')).toBe('');
    expect(await kubectlLogs('steps', '-c', 'setup')).toBe('');
  });

  it('writes lines over time with kueue.test/log-interval', async () => {
    await ns.client.create(PODS, ns.namespace, pod('slow', { 'kueue.test/logs': 'a\nb\nc', 'kueue.test/log-interval': '300ms', 'kueue.test/outcome': 'Running' }));
    await servedLogs('slow');
    await pollUntil(async () => (await kubectlLogs('slow')) === 'a\nb\nc\n', { timeoutMs: 30_000, what: () => 'all three lines' });
    // The lines' own times show they were written an interval apart, however late this test looked.
    const times = (await kubectlLogs('slow', '--timestamps')).trim().split('\n').map((line) => Date.parse(line.split(' ')[0] ?? ''));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(290);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(290);
  });
});
