import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { executionLedger } from '../../shared/task-action/execution-ledger.js';
import { podTaskTemplate } from '../../shared/task-action/pod-task.js';
import { type CliResult, CLI_BUNDLE, runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { TcpProxy } from '../harness/ui/tcp-proxy.js';
import { enqueueRun, isFailed, isSucceeded, type RunningExecutor, startExecutor, waitForRun } from './executor-fixtures.js';

const container = (options: { retries?: number } = {}) => containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'], ...options });

/** A `logs` command running in the background: its output so far, and its end. */
interface RunningCli {
  stdout(): string;
  stderr(): string;
  done: Promise<CliResult>;
}

function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
  return { stdout: () => stdout, stderr: () => stderr, done };
}

function lines(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);
}

describe.skipIf(clusterUnavailable())('kubectl kueue logs', () => {
  const ns = useClusterNamespace('logs');
  let running: RunningExecutor | undefined;
  const conn = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  const logs = (...args: string[]) => runCli(['logs', ...args, ...conn()]);

  // Each test starts the executor when its story needs it (some follow an action before it runs).
  afterEach(async () => {
    const stopping = running?.executor.stop();
    running = undefined;
    await stopping;
  });

  it("prints an action's log, a whole run prefixed by Pod as argo logs does, with --tail and --timestamps", async () => {
    running = await startExecutor(ns.client, ns.namespace);
    await enqueueRun(ns.client, ns.namespace, 'simple', [
      { name: 'a0', template: container(), annotations: { 'kueue.test/logs': 'hello from {pod}\nsecond line' } },
      { name: 'child', parent: 'a0', template: container(), annotations: { 'kueue.test/logs': 'child says hi' } },
    ]);
    await waitForRun(ns.client, ns.namespace, 'simple', (actions) => actions.length === 2 && actions.every(isSucceeded));
    const pod = (await ns.client.list(
      { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
      ns.namespace,
      { labelSelector: 'flyte.org/run=simple,flyte.org/action=a0' },
    )).items[0]?.metadata.name ?? '';

    const one = await logs('simple', 'a0');
    expect(one.stderr).toBe('');
    expect(one.stdout).toBe(`hello from ${pod}\nsecond line\n`);
    expect(one.code).toBe(0);

    const run = await logs('simple');
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([`${pod}: hello from ${pod}`, `${pod}: second line`, expect.stringMatching(/^acme-proj-dev-simple-child-a1: child says hi$/)]);

    expect((await logs('simple', 'a0', '--tail', '1')).stdout).toBe('second line\n');
    expect((await logs('simple', 'a0', '--timestamps')).stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z hello from \S+\n\S+ second line\n$/);
    expect((await logs('simple', 'a0', '--since', '1h')).stdout).toBe(`hello from ${pod}\nsecond line\n`);
  });

  it('says clearly what is wrong: unknown run, action, attempt, container or step, an action that never started', async () => {
    await enqueueRun(ns.client, ns.namespace, 'idle', [{ name: 'a0', template: container() }, { name: 'b', parent: 'a0', template: container() }]);
    const expectError = async (args: string[], message: RegExp) => {
      const result = await logs(...args);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    };
    await expectError(['nope'], /run "nope" not found in namespace "logs-/);
    await expectError(['idle', 'missing'], /run "idle" has no action "missing"[\s\S]*its actions: a0, b/);
    await expectError(['idle', 'a0'], /action "a0" of run "idle" has not started: it has no Pod yet[\s\S]*-f/);
    await expectError(['idle'], /no action of run "idle" has started/);
    await expectError(['idle', '--attempt', '1'], /--attempt needs an ACTION/);
    await expectError(['idle', 'a0', '--attempt', '0'], /--attempt must be a whole number of at least 1/);
    await expectError(['idle', 'a0', '--tail', 'x'], /--tail must be a whole number/);
    await expectError(['idle', 'a0', '--since', 'soon'], /invalid duration "soon" for --since/);
    await expectError(['idle', 'a0', '-c', 'x', '--step', 'y'], /exclude each other/);

    running = await startExecutor(ns.client, ns.namespace);
    await waitForRun(ns.client, ns.namespace, 'idle', (actions) => actions.every(isSucceeded));
    await expectError(['idle', 'a0', '--attempt', '2'], /has no attempt 2[\s\S]*its attempts: 1/);
    await expectError(['idle', 'a0', '-c', 'sidecar'], /Pod acme-proj-dev-idle-a0-a1 has no container "sidecar"[\s\S]*its containers: /);
    await expectError(['idle', 'a0', '--step', 'one'], /does not run its containers in sequence, so it has no steps/);
  });

  it('follows an action from before its first Pod exists across a retry, attempt after attempt', async () => {
    await enqueueRun(ns.client, ns.namespace, 'retried', [
      {
        name: 'a0',
        template: container({ retries: 1 }),
        annotations: { 'kueue.test/outcome': 'Failed', 'kueue.test/logs': 'start of {pod}\nend of {pod}', 'kueue.test/log-interval': '200ms', 'kueue.test/duration': '1500ms' },
      },
    ]);
    const follow = startCli(['logs', 'retried', 'a0', '-f', ...conn()]);
    await pollUntil(() => Promise.resolve(follow.stderr().includes('waiting for action "a0" to start')), { timeoutMs: 30_000, what: () => `the wait notice (${follow.stderr()})` });
    running = await startExecutor(ns.client, ns.namespace);
    const result = await follow.done;
    const pods = result.stdout.split('\n').filter((line) => line.startsWith('start of ')).map((line) => line.slice('start of '.length));
    expect(pods).toEqual([expect.stringMatching(/^acme-proj-dev-retried-a0-a1$/), expect.stringMatching(/^acme-proj-dev-retried-a0-a2$/)]);
    expect(result.stdout).toBe(pods.map((pod) => `start of ${pod}\nend of ${pod}\n`).join(''));
    expect(result.stderr).toMatch(/attempt 2 of action "a0": Pod acme-proj-dev-retried-a0-a2/);
    expect(result.code).toBe(0);
    const [action] = await waitForRun(ns.client, ns.namespace, 'retried', (actions) => actions.every(isFailed));
    expect(executionLedger(action?.status).attempts).toBe(2);
  });

  it('follows the steps of a sequential Pod in step order, and one step alone with --step', async () => {
    running = await startExecutor(ns.client, ns.namespace);
    const step = (name: string) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', `echo ${name}`] });
    await enqueueRun(ns.client, ns.namespace, 'stepped', [
      {
        name: 'a0',
        template: podTaskTemplate({ podSpec: { containers: [step('fetch'), step('train'), step('publish')] }, sequential: true }),
        annotations: {
          'kueue.test/logs.fetch': lines('fetch', 3).join('\n'),
          'kueue.test/logs.train': lines('train', 3).join('\n'),
          'kueue.test/logs.publish': lines('publish', 2).join('\n'),
          'kueue.test/log-interval': '100ms',
          'kueue.test/duration': '1500ms',
        },
      },
    ]);
    // Started when the steps may already run: a follower reads each step's log from its beginning anyway.
    const follow = startCli(['logs', 'stepped', 'a0', '-f', ...conn()]);
    const result = await follow.done;
    expect(result.stdout).toBe(`${[...lines('fetch', 3), ...lines('train', 3), ...lines('publish', 2)].join('\n')}\n`);
    expect(result.code).toBe(0);
    expect((await logs('stepped', 'a0', '--step', 'train')).stdout).toBe(`${lines('train', 3).join('\n')}\n`);
    expect((await logs('stepped', 'a0', '--prefix', '--step', 'publish')).stdout).toMatch(/^acme-proj-dev-stepped-a0-a1\/publish: publish 1\n\S+\/publish: publish 2\n$/);
    const unknown = await logs('stepped', 'a0', '--step', 'deploy');
    expect(unknown.stderr).toMatch(/has no step "deploy"[\s\S]*its steps, in order: fetch, train, publish/);
  });

  it('follows a whole run: every action, children created while it runs too, each line prefixed by its Pod', async () => {
    // The root runs long enough for a child to be enqueued while it runs, as a parent task creates its children.
    const root = { 'kueue.test/logs': lines('root', 4).join('\n'), 'kueue.test/log-interval': '100ms', 'kueue.test/duration': '5s' };
    const slow = { 'kueue.test/log-interval': '100ms', 'kueue.test/duration': '1200ms' };
    await enqueueRun(ns.client, ns.namespace, 'whole', [{ name: 'a0', template: container(), annotations: root }]);
    const follow = startCli(['logs', 'whole', '-f', ...conn()]);
    await pollUntil(() => Promise.resolve(follow.stderr().includes('waiting for action "a0" to start')), { timeoutMs: 30_000, what: () => `the wait notice (${follow.stderr()})` });
    running = await startExecutor(ns.client, ns.namespace);
    // A child enqueued once the follower runs: it must be picked up too.
    await pollUntil(() => Promise.resolve(follow.stdout().includes('root 1')), { timeoutMs: 30_000, what: () => `the root's first line (${follow.stderr()})` });
    await enqueueRun(ns.client, ns.namespace, 'whole', [
      { name: 'a0', template: container(), annotations: root },
      { name: 'late', parent: 'a0', template: container(), annotations: { 'kueue.test/logs': lines('late', 3).join('\n'), ...slow } },
    ]);
    const result = await follow.done;
    const byPod = new Map<string, string[]>();
    for (const line of result.stdout.split('\n').filter(Boolean)) {
      const [pod = '', text = ''] = line.split(': ');
      byPod.set(pod, [...(byPod.get(pod) ?? []), text]);
    }
    expect(Object.fromEntries(byPod)).toEqual({ 'acme-proj-dev-whole-a0-a1': lines('root', 4), 'acme-proj-dev-whole-late-a1': lines('late', 3) });
    expect(result.code).toBe(0);
  });

  it('resumes after the connection drops mid-stream without repeating or losing a line', async () => {
    const server = new URL(readFileSync(ns.kubeconfig, 'utf8').match(/server: (\S+)/)?.[1] ?? '');
    const proxy = await TcpProxy.reserve({ host: server.hostname, port: Number(server.port) });
    await proxy.up();
    const kubeconfig = path.join(os.tmpdir(), `kueue-logs-proxy-${process.pid}.kubeconfig`);
    writeFileSync(kubeconfig, readFileSync(ns.kubeconfig, 'utf8').replace(/server: \S+/, `server: https://127.0.0.1:${proxy.port}`));
    try {
      const expected = lines('tick', 40);
      await enqueueRun(ns.client, ns.namespace, 'dropped', [
        { name: 'a0', template: container(), annotations: { 'kueue.test/logs': expected.join('\n'), 'kueue.test/log-interval': '200ms', 'kueue.test/duration': '11s' } },
      ]);
      // The follower waits for the Pod before it exists, so the cut below falls early in a long log however slow
      // the machine is.
      const follow = startCli(['logs', 'dropped', 'a0', '-f', '--kubeconfig', kubeconfig, '-n', ns.namespace]);
      await pollUntil(() => Promise.resolve(follow.stderr().includes('waiting for action "a0" to start')), { timeoutMs: 30_000, what: () => `the wait notice (${follow.stderr()})` });
      running = await startExecutor(ns.client, ns.namespace);
      await pollUntil(() => Promise.resolve(follow.stdout().split('\n').length > 4), { timeoutMs: 30_000, what: () => `a few lines (${follow.stdout()})` });
      const before = follow.stdout().split('\n').length - 1;
      await proxy.down();
      await proxy.up();
      const result = await follow.done;
      expect(before).toBeLessThan(expected.length);
      expect(result.stdout).toBe(`${expected.join('\n')}\n`);
      expect(result.code).toBe(0);
    } finally {
      await proxy.down();
    }
  });
});
