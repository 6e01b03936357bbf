import http from 'node:http';
import net from 'node:net';
import { create, toJsonString } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { EnqueueActionRequestSchema, QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeConnectionError } from '../../../shared/errors/connection-error.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import {
  type QueueServiceServer,
  type QueueServiceServerOptions,
  startQueueServiceServer,
} from '../../../shared/queue/service/queue-service-server.js';
import { RUN_ID, enqueueRequest } from './queue-requests.js';
import { queueTransports } from './queue-transports.js';
import { http1Request, http2Request } from './raw-http.js';
import { EMPTY_LIST, ScriptedKubeClient } from './scripted-kube-client.js';

const ENQUEUE = '/flyteidl2.workflow.QueueService/EnqueueAction';
const ABORT_RUN = '/flyteidl2.workflow.QueueService/AbortQueuedRun';

const running: QueueServiceServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close({ force: true })));
});

async function start(client: ScriptedKubeClient, options: Partial<QueueServiceServerOptions> = {}) {
  const lines: string[] = [];
  const server = await startQueueServiceServer({ client, namespace: 'flyte', port: 0, log: (l) => lines.push(l), ...options });
  running.push(server);
  return { server, lines };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function created(body: unknown): Promise<KubeObject> {
  const object = body as KubeObject;
  return Promise.resolve({ ...object, metadata: { ...object.metadata, uid: `uid-${object.metadata.name}` } });
}

function connectionRefused(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** A TCP relay that passes the client's first bytes on one at a time, as a slow or odd client might send them. */
async function trickleProxy(targetPort: number): Promise<{ url: string; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let sent = 0;
    let chain = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        const piece = Buffer.from([byte]);
        const slow = sent++ < 40;
        chain = chain.then(() => new Promise<void>((r) => (slow ? setTimeout(() => upstream.write(piece, () => r()), 2) : upstream.write(piece, () => r()))));
      }
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const { port } = proxy.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      proxy.close();
    },
  };
}

describe('QueueService server: protocols on one port', () => {
  it('answers Connect, gRPC and gRPC-Web, binary and JSON, over HTTP/1.1 and h2c, and logs each call', async () => {
    const client = new ScriptedKubeClient({ list: () => Promise.resolve(EMPTY_LIST) });
    const { server, lines } = await start(client);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const transports = queueTransports(server.url);
    for (const { name, transport } of transports) {
      const queue = createClient(QueueService, transport);
      await expect(queue.abortQueuedRun({ runId: { ...RUN_ID, name: 'gone' } }), name).resolves.toBeDefined();
      const err = await queue.enqueueAction({}).then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
      expect(err?.code, name).toBe(Code.InvalidArgument);
      expect(err?.rawMessage, name).toMatch(/^action_id is required/);
    }
    await until(() => lines.length === transports.length * 2, 'a log line per call');
    const expected = transports.flatMap(({ protocol }) => [
      new RegExp(`^\\S+Z POST ${ABORT_RUN} ${protocol} ok \\d+ms$`),
      new RegExp(`^\\S+Z POST ${ENQUEUE} ${protocol} invalid_argument \\d+ms "action_id is required: `),
    ]);
    expect(lines.map((line, i) => expected[i]?.test(line) ? 'matches' : line)).toEqual(expected.map(() => 'matches'));
  });

  it('serves /healthz over HTTP/1.1 and HTTP/2, GET and HEAD only, without logging successful probes', async () => {
    const { server, lines } = await start(new ScriptedKubeClient());
    const h1 = await http1Request(server.url, { path: '/healthz' });
    expect(h1).toMatchObject({ status: 200, body: 'OK', httpVersion: '1.1' });
    expect(h1.headers['cache-control']).toBe('no-store');
    const h2 = await http2Request(server.url, { path: '/healthz' });
    expect(h2).toMatchObject({ status: 200, body: 'OK', httpVersion: '2.0' });
    const head = await http1Request(server.url, { method: 'HEAD', path: '/healthz' });
    expect(head).toMatchObject({ status: 200, body: '' });
    const post = await http1Request(server.url, { method: 'POST', path: '/healthz' });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    const missing = await http1Request(server.url, { path: '/nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('flyteidl2.workflow.QueueService');
    await until(() => lines.length === 2, 'log lines');
    expect(lines[0]).toMatch(/ POST \/healthz http 405 \d+ms$/);
    expect(lines[1]).toMatch(/ GET \/nope http 404 \d+ms$/);
  });

  it('tells HTTP/2 from HTTP/1.1 even when a client sends its first bytes one at a time', async () => {
    const { server } = await start(new ScriptedKubeClient());
    const proxy = await trickleProxy(server.port);
    try {
      expect(await http2Request(proxy.url, { path: '/healthz' })).toMatchObject({ status: 200, body: 'OK', httpVersion: '2.0' });
      expect(await http1Request(proxy.url, { path: '/healthz' })).toMatchObject({ status: 200, body: 'OK', httpVersion: '1.1' });
    } finally {
      proxy.close();
    }
  });

  it('closes a connection that says nothing', async () => {
    const { server } = await start(new ScriptedKubeClient(), { sniffTimeoutMs: 200 });
    const socket = net.connect(server.port, '127.0.0.1');
    const started = Date.now();
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('QueueService server: /readyz', () => {
  it('answers 200 OK when the API server serves an established TaskAction CRD', async () => {
    const client = new ScriptedKubeClient({
      get: () => Promise.resolve({ metadata: {}, status: { conditions: [{ type: 'Established', status: 'True' }] } } as KubeObject),
    });
    const { server } = await start(client);
    expect(await http1Request(server.url, { path: '/readyz' })).toMatchObject({ status: 200, body: 'OK' });
    expect(await http2Request(server.url, { path: '/readyz' })).toMatchObject({ status: 200, body: 'OK' });
  });

  it('answers 503 with the reason, and logs it, when the API server is unreachable', async () => {
    const client = new ScriptedKubeClient({ get: () => Promise.reject(new KubeConnectionError('https://127.0.0.1:1', 'connect ECONNREFUSED 127.0.0.1:1')) });
    const { server, lines } = await start(client);
    const answer = await http1Request(server.url, { path: '/readyz' });
    expect(answer).toMatchObject({ status: 503, body: 'not ready: Unable to connect to the server https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1' });
    expect((await http1Request(server.url, { path: '/healthz' })).status).toBe(200);
    await until(() => lines.length === 1, 'a log line');
    expect(lines[0]).toMatch(/ GET \/readyz http 503 \d+ms$/);
  });
});

describe('QueueService server: request size limit', () => {
  const limit = 16 * 1024;

  it('answers resource_exhausted to every protocol for a message over the limit, and keeps serving the connection', async () => {
    const client = new ScriptedKubeClient({ list: () => Promise.resolve(EMPTY_LIST), create: (_t, _ns, body) => created(body) });
    const { server, lines } = await start(client, { maxBodyBytes: limit });
    const transports = queueTransports(server.url);
    // Just over the limit, and far over the HTTP/2 flow-control window: the unread rest must not stall anything.
    const oversized = [2 * limit, 200 * limit];
    for (const { name, transport } of transports) {
      const queue = createClient(QueueService, transport);
      for (const size of oversized) {
        const err = await queue.enqueueAction(enqueueRequest('run-1', 'root', undefined, { args: ['x'.repeat(size)] })).then(
          () => undefined,
          (e: unknown) => ConnectError.from(e),
        );
        expect(err?.code, `${name}, ${size} bytes`).toBe(Code.ResourceExhausted);
        expect(err?.rawMessage, name).toMatch(/larger than configured readMaxBytes 16384/);
        // The next call on the same client (same connection or session) goes through.
        await expect(queue.enqueueAction(enqueueRequest('run-1', 'root', undefined, { args: ['x'.repeat(limit / 2)] })), name).resolves.toBeDefined();
      }
    }
    expect(client.calls.filter((c) => c === 'create taskactions')).toHaveLength(transports.length * oversized.length);
    // Refused streams are released, not left open until their session ends.
    await until(() => server.inFlight() === 0, 'no request in flight');
    await until(() => lines.length === transports.length * oversized.length * 2, 'log lines');
    expect(lines.filter((l) => / resource_exhausted /.test(l))).toHaveLength(transports.length * oversized.length);
  });

  it('answers a plain HTTP client with the status Connect gives resource_exhausted', async () => {
    const { server } = await start(new ScriptedKubeClient(), { maxBodyBytes: limit });
    const big = enqueueRequest('run-1', 'root', undefined, { args: ['x'.repeat(2 * limit)] });
    const body = toJsonString(EnqueueActionRequestSchema, create(EnqueueActionRequestSchema, big));
    const answer = await http1Request(server.url, { method: 'POST', path: ENQUEUE, headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'resource_exhausted' });
    // The body was not read: the connection closes after the answer instead of making the client wait.
    expect(answer.headers['connection']).toBe('close');
  });
});

describe('QueueService server: shutdown', () => {
  it('stops accepting, lets in-flight calls of every kind finish, then resolves', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let creates = 0;
    const client = new ScriptedKubeClient({
      list: () => Promise.resolve(EMPTY_LIST),
      create: async (_t, _ns, body) => {
        creates++;
        await gate;
        return created(body);
      },
    });
    const { server, lines } = await start(client);
    const overHttp1 = createClient(QueueService, createConnectTransport({ baseUrl: server.url, httpVersion: '1.1' })).enqueueAction(enqueueRequest('run-a', 'root'));
    const overH2c = createClient(QueueService, createGrpcTransport({ baseUrl: server.url })).enqueueAction(enqueueRequest('run-b', 'root'));
    const keepAlive = new http.Agent({ keepAlive: true });
    const raw = http1Request(server.url, {
      method: 'POST',
      path: ENQUEUE,
      headers: { 'content-type': 'application/json' },
      body: toJsonString(EnqueueActionRequestSchema, create(EnqueueActionRequestSchema, enqueueRequest('run-c', 'root'))),
      agent: keepAlive,
    });
    await until(() => creates === 3, 'three calls to reach Kubernetes');
    expect(server.inFlight()).toBe(3);

    const closed = server.close();
    expect(await connectionRefused(server.port)).toBe('ECONNREFUSED');
    release();
    await expect(overHttp1).resolves.toBeDefined();
    await expect(overH2c).resolves.toBeDefined();
    const answer = await raw;
    expect(answer.status).toBe(200);
    // The kept-alive connection is told to go away with its last answer.
    expect(answer.headers['connection']).toBe('close');
    await expect(closed).resolves.toEqual({ forced: false, inFlightAtStart: 3 });
    expect(server.inFlight()).toBe(0);
    expect(lines.filter((l) => l.includes(` ${ENQUEUE} `) && / ok \d+ms$/.test(l))).toHaveLength(3);
    keepAlive.destroy();
  });

  it('closes idle connections at once instead of waiting for their clients', async () => {
    const { server } = await start(new ScriptedKubeClient({ list: () => Promise.resolve(EMPTY_LIST) }), { shutdownTimeoutMs: 10_000 });
    const h2 = createClient(QueueService, createGrpcTransport({ baseUrl: server.url }));
    await h2.abortQueuedRun({ runId: { ...RUN_ID, name: 'r' } });
    const keepAlive = new http.Agent({ keepAlive: true });
    expect((await http1Request(server.url, { path: '/healthz', agent: keepAlive })).status).toBe(200);
    const silent = net.connect(server.port, '127.0.0.1');
    await new Promise((r) => silent.on('connect', r));
    const started = Date.now();
    await expect(server.close()).resolves.toEqual({ forced: false, inFlightAtStart: 0 });
    expect(Date.now() - started).toBeLessThan(2_000);
    keepAlive.destroy();
  });

  it('cuts off calls still running at the deadline', async () => {
    const client = new ScriptedKubeClient({ list: () => Promise.resolve(EMPTY_LIST), create: () => new Promise<KubeObject>(() => {}) });
    const { server } = await start(client, { shutdownTimeoutMs: 300 });
    const call = createClient(QueueService, createConnectTransport({ baseUrl: server.url, httpVersion: '1.1' })).enqueueAction(enqueueRequest('run-a', 'root'));
    await until(() => server.inFlight() === 1, 'the call to be in flight');
    await expect(server.close()).resolves.toEqual({ forced: true, inFlightAtStart: 1 });
    await expect(call).rejects.toBeInstanceOf(ConnectError);
  });
});
