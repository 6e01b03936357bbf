import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { AbortQueuedRunRequestSchema, QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type QueueServiceServer, type QueueServiceServerOptions, startQueueServiceServer } from '../../../shared/queue/service/queue-service-server.js';
import { RUN_ID } from './queue-requests.js';
import { http1Request } from './raw-http.js';
import { EMPTY_LIST, ScriptedKubeClient } from './scripted-kube-client.js';

const running: QueueServiceServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close({ force: true })));
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function start(options: Partial<QueueServiceServerOptions> & Pick<QueueServiceServerOptions, 'client'>): Promise<QueueServiceServer> {
  const server = await startQueueServiceServer({ namespace: 'flyte', port: 0, log: () => {}, ...options });
  running.push(server);
  return server;
}

/** An API server that accepts connections and never answers, as one that hangs. */
async function hungApiServer(): Promise<HttpKubeClient> {
  const held: net.Socket[] = [];
  const server = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const dir = mkdtempSync(path.join(tmpdir(), 'kueue-hung-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: hung\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: hung\n  context:\n    cluster: hung\n    user: u\n    namespace: flyte\ncurrent-context: hung\n`,
  );
  cleanups.push(() => {
    for (const socket of held) socket.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return new HttpKubeClient(loadConnection({ kubeconfig }, {}));
}

/** Opens a connection. */
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}
/** Resolves with what the server sent once it closes the connection. */
function closed(socket: net.Socket): Promise<string> {
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(received).toString('utf8'))));
}

describe('serve bounds every wait', () => {
  it('closes slowloris connections that send headers at a trickle (408), and keeps answering', async () => {
    const server = await start({ client: new ScriptedKubeClient(), headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
    const sockets = await Promise.all(Array.from({ length: 5 }, () => connect(server.port)));
    const answers = sockets.map(closed);
    const trickle = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write(socket.bytesWritten === 0 ? 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' : 'a');
    }, 100);
    cleanups.push(() => clearInterval(trickle));
    const texts = await Promise.all(answers);
    for (const text of texts) expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect((await http1Request(server.url, { path: '/healthz' })).status).toBe(200);
  }, 30_000);

  it('closes a connection whose body arrives at a trickle', async () => {
    const server = await start({ client: new ScriptedKubeClient(), headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
    const socket = await connect(server.port);
    const answer = closed(socket);
    socket.write('POST /flyteidl2.workflow.QueueService/AbortQueuedRun HTTP/1.1\r\nHost: x\r\nContent-Type: application/proto\r\nContent-Length: 1000\r\n\r\n');
    const trickle = setInterval(() => !socket.destroyed && socket.write('a'), 100);
    cleanups.push(() => clearInterval(trickle));
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('caps the connections of one client address', async () => {
    const server = await start({ client: new ScriptedKubeClient(), maxConnectionsPerClient: 3 });
    const first = await Promise.all(Array.from({ length: 3 }, () => connect(server.port)));
    const extra = await connect(server.port);
    await closed(extra);
    first[0]?.destroy();
    await new Promise((resolve) => first[0]?.once('close', resolve));
    // A slot is free again once the server has seen the close: a new connection is then answered.
    let status = 0;
    const deadline = Date.now() + 10_000;
    while (status !== 200 && Date.now() < deadline) status = (await http1Request(server.url, { path: '/healthz' }).catch(() => ({ status: 0 }))).status;
    expect(status).toBe(200);
    for (const socket of first) socket.destroy();
  }, 30_000);

  describe('against an API server that accepts and never answers', () => {
    it('honours the caller deadline (connect-timeout-ms, grpc-timeout) and bounds calls without one', async () => {
      const server = await start({ client: await hungApiServer(), callTimeoutMs: 2_000 });
      const request = create(AbortQueuedRunRequestSchema, { runId: { ...RUN_ID, name: 'r' } });
      for (const transport of [createConnectTransport({ baseUrl: server.url, httpVersion: '1.1' }), createGrpcTransport({ baseUrl: server.url })]) {
        const client = createClient(QueueService, transport);
        const started = Date.now();
        const err = await client.abortQueuedRun(request, { timeoutMs: 1_000 }).then(() => undefined, (e: unknown) => ConnectError.from(e));
        expect(err?.code).toBe(Code.DeadlineExceeded);
        expect(Date.now() - started).toBeLessThan(15_000);
        const unbounded = await client.abortQueuedRun(request).then(() => undefined, (e: unknown) => ConnectError.from(e));
        expect(unbounded?.code).toBe(Code.DeadlineExceeded);
        expect(unbounded?.rawMessage).toContain('the call took longer than 2000 ms');
      }
    }, 60_000);

    it('reports the API server as unreachable in /readyz', async () => {
      const server = await start({ client: await hungApiServer(), readinessTimeoutMs: 1_000 });
      const answer = await http1Request(server.url, { path: '/readyz' });
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('the API server did not answer within 1000 ms');
    }, 30_000);
  });

  it('answers at once when the API server does answer', async () => {
    const server = await start({ client: new ScriptedKubeClient({ list: () => Promise.resolve(EMPTY_LIST) }) });
    expect((await http1Request(server.url, { path: '/healthz' })).status).toBe(200);
  });
});
