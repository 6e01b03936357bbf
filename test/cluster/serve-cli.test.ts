import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { create, toJsonString } from '@bufbuild/protobuf';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { EnqueueActionRequestSchema, QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { CLI_BUNDLE, assertBuilt, runCli } from '../helpers/run-cli.js';
import { enqueueRequest } from '../unit/queue-service/queue-requests.js';
import { http1Request } from '../unit/queue-service/raw-http.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `kubectl kueue serve` as a user would, and waits for the address it prints. */
async function startServe(args: string[]): Promise<ServeProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_BUNDLE, 'serve', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 20 s; stderr:\n${stderr}`)), 20_000);
    const check = () => {
      const match = /on (http:\/\/127\.0\.0\.1:\d+) /.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exit.then(() => reject(new Error(`serve exited early; stderr:\n${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr, exit };
}

describe.skipIf(clusterUnavailable())('kubectl kueue serve (the CLI)', () => {
  const ns = useClusterNamespace('serve-cli');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '--namespace', ns.namespace];

  it('serves on a free port, logs each call, and on SIGTERM finishes the call in flight and exits 0', async () => {
    const serve = await startServe(['--port', '0', ...flags()]);
    expect(serve.stdout()).toMatch(
      new RegExp(`^Serving flyteidl2\\.workflow\\.QueueService and flyteidl2\\.actions\\.ActionsService on http://127\\.0\\.0\\.1:\\d+ \\(Connect, gRPC, gRPC-Web; HTTP/1\\.1 and h2c\\) for TaskActions in namespace "${ns.namespace}" of https?://`),
    );
    expect(await http1Request(serve.url, { path: '/readyz' })).toMatchObject({ status: 200, body: 'OK' });
    const queue = createClient(QueueService, createGrpcTransport({ baseUrl: serve.url }));
    await queue.enqueueAction(enqueueRequest('cli-run', 'a0'));

    // A call in flight when SIGTERM arrives: its body is only half sent.
    const body = Buffer.from(toJsonString(EnqueueActionRequestSchema, create(EnqueueActionRequestSchema, enqueueRequest('cli-run', 'a1', 'a0'))));
    const answer = new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
      const req = http.request(`${serve.url}/flyteidl2.workflow.QueueService/EnqueueAction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
        agent: new http.Agent({ keepAlive: true }),
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, connection: res.headers['connection'] }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 10));
      setTimeout(() => {
        serve.child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(10)), 500);
      }, 300);
    });
    const result = await answer;
    expect(result.status).toBe(200);
    expect(result.connection).toBe('close');
    expect(await serve.exit).toEqual({ code: 0, signal: null });

    const names = (await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace)).items.map((a) => a.spec.actionName).sort();
    expect(names).toEqual(['a0', 'a1']);
    const log = serve.stderr();
    expect(log).toMatch(/ POST \/flyteidl2\.workflow\.QueueService\/EnqueueAction grpc ok \d+ms\n/);
    expect(log).toMatch(/ POST \/flyteidl2\.workflow\.QueueService\/EnqueueAction connect ok \d+ms\n/);
    expect(log).toContain('SIGTERM: shutting down, 1 request(s) in flight\n');
    expect(log).toMatch(/stopped\n$/);
  });

  it("--naming flyte-head: QueueService names and labels as Flyte's current service, and aborts what it named", async () => {
    const serve = await startServe(['--port', '0', '--naming', 'flyte-head', ...flags()]);
    const queue = createClient(QueueService, createGrpcTransport({ baseUrl: serve.url }));
    // The root named like its run is `<run>-a0`; the others `<run>-<action>`.
    await queue.enqueueAction(enqueueRequest('hrun', 'hrun'));
    await queue.enqueueAction(enqueueRequest('hrun', 'prep', 'hrun'));
    await queue.enqueueAction(enqueueRequest('hrun', 'prep-a', 'prep'));
    await queue.enqueueAction(enqueueRequest('hrun', 'train', 'hrun'));
    await queue.enqueueAction(enqueueRequest('hrun', 'train', 'hrun'));
    const byName = async () => new Map((await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=hrun' })).items.filter((a) => !a.metadata.deletionTimestamp).map((a) => [a.metadata.name ?? '', a]));
    const actions = await byName();
    expect([...actions.keys()].sort()).toEqual(['hrun-a0', 'hrun-prep', 'hrun-prep-a', 'hrun-train']);
    expect(actions.get('hrun-a0')?.metadata.labels).toEqual({
      'flyte.org/project': 'ml',
      'flyte.org/domain': 'dev',
      'flyte.org/run': 'hrun',
      'flyte.org/action': 'hrun',
      'flyte.org/action-type': 'task',
      'flyte.org/is-root': 'true',
    });
    const prepA = actions.get('hrun-prep-a');
    expect(prepA?.metadata.labels).toMatchObject({ 'flyte.org/action': 'prep-a', 'flyte.org/is-root': 'false' });
    expect(prepA?.metadata.labels).not.toHaveProperty('flyte.org/org');
    expect(prepA?.metadata.ownerReferences).toEqual([
      { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'hrun-prep', uid: actions.get('hrun-prep')?.metadata.uid, blockOwnerDeletion: true },
    ]);

    // The abort requests carry the org, which these objects have no label for: they must still be found.
    const runId = { org: 'acme', project: 'ml', domain: 'dev', name: 'hrun' };
    await queue.abortQueuedAction({ actionId: { run: runId, name: 'prep' } });
    await pollUntil(async () => [...(await byName()).keys()].sort().join() === 'hrun-a0,hrun-train', { timeoutMs: 60_000, what: () => 'prep and its child to be deleted' });
    await queue.abortQueuedRun({ runId });
    await pollUntil(async () => (await byName()).size === 0, { timeoutMs: 60_000, what: () => 'the run to be deleted' });
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toEqual({ code: 0, signal: null });
  });

  it('exits 0 at once on SIGINT even with idle connections open', async () => {
    const serve = await startServe(['--port', '0', ...flags()]);
    const keepAlive = new http.Agent({ keepAlive: true });
    expect((await http1Request(serve.url, { path: '/healthz', agent: keepAlive })).status).toBe(200);
    await createClient(QueueService, createGrpcTransport({ baseUrl: serve.url })).abortQueuedRun({ runId: { org: 'acme', project: 'ml', domain: 'dev', name: 'none' } });
    const started = Date.now();
    serve.child.kill('SIGINT');
    expect(await serve.exit).toEqual({ code: 0, signal: null });
    // Not held open by the idle keep-alive connection until it times out.
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(serve.stderr()).toContain('SIGINT: shutting down, 0 request(s) in flight\n');
    keepAlive.destroy();
  });

  it('refuses a bad port, and a port in use, with what to do', async () => {
    const bad = await runCli(['serve', '--port', '70000', ...flags()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: --port must be a whole number from 0 to 65535, got "70000"\n');

    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const busy = await runCli(['serve', '--port', String(port), ...flags()]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toBe(`error: 127.0.0.1:${port} is already in use\n  hint: stop the other server, or choose another --port (0 picks a free one)\n`);
    } finally {
      taken.close();
    }
  });
  it('--metrics-bind-address serves Prometheus /metrics: calls by procedure and code, and its API requests', async () => {
    const serve = await startServe(['--port', '0', '--metrics-bind-address', '127.0.0.1:0', ...flags()]);
    let address = '';
    await pollUntil(() => Promise.resolve((address = /serving \/metrics on (\S+)\n/.exec(serve.stderr())?.[1] ?? '') !== ''), {
      timeoutMs: 20_000,
      what: () => `the metrics address (stderr: ${serve.stderr()})`,
    });
    const queue = createClient(QueueService, createGrpcTransport({ baseUrl: serve.url }));
    await queue.enqueueAction(enqueueRequest('metered', 'a0'));
    await expect(queue.enqueueAction(enqueueRequest('metered', 'a1', 'no-such-parent'))).rejects.toThrow();
    let text = '';
    // The log line (and the count) is written once the answer is out: wait for both calls to be counted.
    await pollUntil(
      async () => {
        text = await (await fetch(`http://${address}/metrics`)).text();
        return /^kueue_serve_requests_total\{procedure="\/flyteidl2\.workflow\.QueueService\/EnqueueAction",protocol="grpc",code="(?!ok)[a-z_]+"\} 1$/m.test(text);
      },
      { timeoutMs: 20_000, what: () => `the failed call in /metrics:\n${text}` },
    );
    expect(text).toMatch(/^kueue_serve_requests_total\{procedure="\/flyteidl2\.workflow\.QueueService\/EnqueueAction",protocol="grpc",code="ok"\} 1$/m);
    expect(text).toMatch(/^kueue_serve_api_requests_total\{verb="create",resource="taskactions",code="201"\} 1$/m);
    expect(text).toMatch(/^kueue_serve_in_flight_requests 0$/m);
    expect(text).toMatch(/^kueue_serve_request_duration_seconds_count\{procedure="\/flyteidl2\.workflow\.QueueService\/EnqueueAction"\} 2$/m);
    // The metrics server serves nothing else; the RPC server does not serve /metrics.
    expect((await fetch(`http://${address}/healthz`)).status).toBe(404);
    expect((await http1Request(serve.url, { path: '/metrics' })).status).toBe(404);
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toEqual({ code: 0, signal: null });
  });
});
