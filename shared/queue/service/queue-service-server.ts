import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Code, ConnectError, createConnectRouter } from '@connectrpc/connect';
import { codeToString } from '@connectrpc/connect/protocol-connect';
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from '@connectrpc/connect-node';
import { QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { type KubeClient } from '../../kube/kube-client.js';
import { isHealthPath, serveHealth } from './health-endpoints.js';
import {
  DEFAULT_HOST,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_NAMESPACE,
  DEFAULT_PORT,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_SNIFF_TIMEOUT_MS,
} from './queue-service-defaults.js';
import { type WireProtocol, sniffProtocol } from './protocol-sniffer.js';
import { createQueueServiceImpl } from './queue-service-impl.js';
import { type Readiness, checkReadiness } from './readiness.js';
import { type RequestLogEntry, formatRequestLog } from './request-log.js';
import { observeRpcOutcome, rpcProtocol } from './rpc-outcome.js';
import { releaseUnreadBody } from './unread-body.js';

export interface QueueServiceServerOptions {
  client: KubeClient;
  namespace?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest request message accepted (after decompression); larger ones are answered `resource_exhausted`. */
  maxBodyBytes?: number;
  /** Receives one line per request (see `formatRequestLog`). */
  log?: (line: string) => void;
  /** How long `close()` lets in-flight requests finish before cutting them off (default 25 s). */
  shutdownTimeoutMs?: number;
  readinessTimeoutMs?: number;
  /** A connection that sends nothing recognisable for this long is closed (default 10 s). */
  sniffTimeoutMs?: number;
  /** Idle connections are closed after this long without traffic (default 120 s). */
  idleTimeoutMs?: number;
}

export interface ShutdownReport {
  /** True when in-flight requests were still running at the deadline and were cut off. */
  forced: boolean;
  /** Requests that were in flight when shutdown began. */
  inFlightAtStart: number;
}

export interface QueueServiceServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, for clients of every protocol (HTTP/1.1 and h2c). */
  readonly url: string;
  readonly namespace: string;
  /** Requests being answered right now. */
  inFlight(): number;
  readiness(): Promise<Readiness>;
  /**
   * Graceful stop: no new connections, idle ones closed, in-flight requests finish (HTTP/1.1 answers carry
   * `Connection: close`, HTTP/2 sessions get GOAWAY), then everything is closed. Calling it again returns the same
   * promise; `force` cuts off whatever is still running at once.
   */
  close(options?: { force?: boolean }): Promise<ShutdownReport>;
}

type NodeRequest = http.IncomingMessage | http2.Http2ServerRequest;
type NodeResponse = http.ServerResponse | http2.Http2ServerResponse;
/** connect-node's response type (both Node response kinds, with compatible `write` signatures). */
type NodeServerResponse = Parameters<typeof universalResponseToNodeResponse>[1];

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

/**
 * Serves Flyte's QueueService (Connect, gRPC and gRPC-Web; binary and JSON) plus `/healthz` and `/readyz`,
 * over HTTP/1.1 and cleartext HTTP/2 on one port, as Flyte's Go server does with its h2c handler.
 */
export async function startQueueServiceServer(options: QueueServiceServerOptions): Promise<QueueServiceServer> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? (() => {});
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const readiness = () => checkReadiness(options.client, namespace, options.readinessTimeoutMs);

  // Aborted only when shutdown gives up waiting: handlers then see their context signal fire.
  const hardStop = new AbortController();
  const router = createConnectRouter({
    readMaxBytes: maxBodyBytes,
    shutdownSignal: hardStop.signal,
    acceptCompression: [compressionGzip, compressionBrotli],
  });
  router.service(QueueService, createQueueServiceImpl(options.client, { namespace }));
  const procedures = new Map(router.handlers.map((handler) => [handler.requestPath, handler]));

  const sockets = new Set<net.Socket>();
  const http1Requests = new Map<net.Socket, Set<http.ServerResponse>>();
  const http2Sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  let inFlight = 0;
  let shuttingDown = false;

  const finishHttp1 = (socket: net.Socket, res: http.ServerResponse) => {
    const open = http1Requests.get(socket);
    open?.delete(res);
    // During shutdown a kept-alive connection is closed as soon as its last answer is out.
    if (shuttingDown && (open === undefined || open.size === 0)) socket.end();
  };

  const handleRequest = (req: NodeRequest, res: NodeResponse) => {
    const started = performance.now();
    inFlight++;
    const http1 = res instanceof http.ServerResponse ? { res, socket: req.socket } : undefined;
    if (http1) {
      const open = http1Requests.get(http1.socket) ?? new Set<http.ServerResponse>();
      open.add(http1.res);
      http1Requests.set(http1.socket, open);
      if (shuttingDown) http1.res.setHeader('connection', 'close');
    }
    // What to log once the answer is out (or the client is gone); undefined logs nothing.
    let describe: () => Omit<RequestLogEntry, 'method' | 'path' | 'ms'> | undefined = () => undefined;
    releaseUnreadBody(req, res, maxBodyBytes);
    res.once('close', () => {
      inFlight--;
      if (http1) finishHttp1(http1.socket, http1.res);
      const entry = describe();
      if (entry) log(formatRequestLog({ method: req.method ?? '?', path: pathOf(req.url), ms: performance.now() - started, ...entry }));
    });

    const path = pathOf(req.url);
    const procedure = procedures.get(path);
    if (procedure === undefined) {
      if (isHealthPath(path)) {
        void serveHealth(req, res, path, readiness);
        // Probes run every few seconds; only their failures are worth a line.
        describe = () => (res.statusCode === 200 ? undefined : { protocol: 'http', code: String(res.statusCode) });
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`not found: ${path} (this server answers flyteidl2.workflow.QueueService, /healthz and /readyz)\n`);
      describe = () => ({ protocol: 'http', code: '404' });
      return;
    }

    const protocol = rpcProtocol(req.headers['content-type']);
    describe = () => ({ protocol, code: 'canceled', message: 'the client closed the connection before the answer' });
    const universalRequest = universalRequestFromNodeRequest(req, res as NodeServerResponse, undefined, undefined);
    procedure(universalRequest)
      .then((universalResponse) => {
        const observed = observeRpcOutcome(universalResponse, protocol);
        describe = () => ({ protocol, ...observed.outcome() });
        // Resolves only in some Node versions ('end' is not always emitted); the log is written on 'close'.
        return universalResponseToNodeResponse(observed.response, res);
      })
      .catch((err: unknown) => {
        // Writing failed: the client went away, or the connection was cut off at the shutdown deadline.
        const error = ConnectError.from(err);
        describe = () => ({ protocol, code: codeToString(error.code), message: error.rawMessage });
      });
  };

  const http1Server = http.createServer(handleRequest);
  // The server never listens itself (the sniffer hands it sockets), so its request timers do not run; an
  // inactivity timeout per socket still applies.
  http1Server.timeout = idleTimeoutMs;
  http1Server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const http2Server = http2.createServer(
    {
      // Several streams of one session may each carry a message up to the limit; Node's default session budget
      // (10 MB) would reset the whole session before such requests could even be refused one by one.
      maxSessionMemory: Math.max(10, Math.ceil((8 * maxBodyBytes) / (1024 * 1024))),
      settings: { maxConcurrentStreams: 250 },
    },
    handleRequest,
  );
  http2Server.setTimeout(idleTimeoutMs);
  http2Server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    session.on('error', () => session.destroy());
    if (shuttingDown) session.close();
  });
  http2Server.on('sessionError', () => {});

  const dispatch = (socket: net.Socket, protocol: WireProtocol) => {
    if (protocol === 'h2c') {
      http2Sockets.add(socket);
      http2Server.emit('connection', socket);
    } else {
      http1Requests.set(socket, new Set());
      http1Server.emit('connection', socket);
    }
  };

  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      http1Requests.delete(socket);
      http2Sockets.delete(socket);
    });
    // Resets by clients are routine; without a listener they would crash the process.
    socket.on('error', () => socket.destroy());
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    sniffProtocol(socket, { timeoutMs: options.sniffTimeoutMs ?? DEFAULT_SNIFF_TIMEOUT_MS, onDetected: dispatch });
  });

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port ?? DEFAULT_PORT, host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  const address = listener.address() as net.AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<ShutdownReport> | undefined;
  let forceNow: (() => void) | undefined;

  const close = (closeOptions: { force?: boolean } = {}): Promise<ShutdownReport> => {
    if (closing) {
      if (closeOptions.force) forceNow?.();
      return closing;
    }
    shuttingDown = true;
    const inFlightAtStart = inFlight;
    closing = new Promise<ShutdownReport>((resolve) => {
      let forced = false;
      const cutOff = () => {
        if (sockets.size === 0) return;
        forced = inFlight > 0;
        hardStop.abort(new ConnectError('the server is shutting down', Code.Unavailable));
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
      };
      const deadline = setTimeout(cutOff, shutdownTimeoutMs);
      forceNow = () => {
        clearTimeout(deadline);
        cutOff();
      };
      // Resolves once every accepted connection is closed.
      listener.close(() => {
        clearTimeout(deadline);
        resolve({ forced, inFlightAtStart });
      });
      for (const socket of sockets) {
        // HTTP/2 connections close through their sessions (below) once their streams are done.
        if (http2Sockets.has(socket)) continue;
        const open = http1Requests.get(socket);
        if (open === undefined || open.size === 0) {
          // Still being sniffed, or kept alive between requests: nothing is being asked or answered.
          socket.destroy();
        } else {
          for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
        }
      }
      for (const session of sessions) session.close();
      if (closeOptions.force) forceNow();
    });
    return closing;
  };

  return {
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    namespace,
    inFlight: () => inFlight,
    readiness,
    close,
  };
}
