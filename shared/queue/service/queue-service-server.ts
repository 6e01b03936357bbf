import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Code, ConnectError } from '@connectrpc/connect';
import { ActionUpdatesHub } from '../../actions/index.js';
import { type KubeClient } from '../../kube/index.js';
import { type TaskActionNaming } from '../../task-action/index.js';
import { ClientConnectionLimit } from './client-connection-limit.js';
import { ConnectionTracker } from './connection-tracker.js';
import { type NodeRequest, type NodeResponse } from './node-http.js';
import { type WireProtocol, sniffProtocol } from './protocol-sniffer.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_NAMESPACE,
  DEFAULT_NAMING,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_SNIFF_TIMEOUT_MS,
} from './queue-service-defaults.js';
import { type Readiness, checkReadiness } from './readiness.js';
import { createRequestRouter } from './request-router.js';
import { type RequestLogEntry } from './request-log.js';

export interface QueueServiceServerOptions {
  client: KubeClient;
  namespace?: string;
  /** How QueueService names TaskActions (default `flyte-s3`); ActionsService always uses `flyte-head`. */
  naming?: TaskActionNaming;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest request message accepted (after decompression); larger ones are answered `resource_exhausted`. */
  maxBodyBytes?: number;
  /** Receives one line per request (see `formatRequestLog`). */
  log?: (line: string) => void;
  /** Receives the same requests as data (for metrics). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** How long `close()` lets in-flight requests finish before cutting them off (default 25 s). */
  shutdownTimeoutMs?: number;
  readinessTimeoutMs?: number;
  /** A connection that sends nothing recognisable for this long is closed (default 10 s). */
  sniffTimeoutMs?: number;
  /** Idle connections are closed after this long without traffic (default 120 s). */
  idleTimeoutMs?: number;
  /** HTTP/1.1: a request's headers must arrive within this long, or it is answered 408 (default 10 s). */
  headersTimeoutMs?: number;
  /** HTTP/1.1: a whole request (headers and body) must arrive within this long (default 30 s). */
  requestTimeoutMs?: number;
  /** Open connections per client address; more are closed at once (default 64). */
  maxConnectionsPerClient?: number;
  /** The deadline of calls that bring none (default 30 s). */
  callTimeoutMs?: number;
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

/**
 * Serves Flyte's QueueService (Connect, gRPC and gRPC-Web; binary and JSON) plus `/healthz` and `/readyz`,
 * over HTTP/1.1 and cleartext HTTP/2 on one port, as Flyte's Go server does with its h2c handler: one listener
 * sniffs each connection's protocol and hands it to the matching Node server; both servers answer through the
 * same router, and a tracker keeps what is open for a graceful shutdown.
 */
export async function startQueueServiceServer(options: QueueServiceServerOptions): Promise<QueueServiceServer> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const host = options.host ?? DEFAULT_HOST;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const readiness = () => checkReadiness(options.client, namespace, options.readinessTimeoutMs);

  // Aborted only when shutdown gives up waiting: handlers then see their context signal fire.
  const hardStop = new AbortController();
  const hub = new ActionUpdatesHub(options.client, namespace);
  const route = createRequestRouter({
    client: options.client,
    namespace,
    naming: options.naming ?? DEFAULT_NAMING,
    hub,
    maxBodyBytes,
    callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    readiness,
    shutdownSignal: hardStop.signal,
    log: options.log ?? (() => {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const tracker = new ConnectionTracker();
  const handleRequest = (req: NodeRequest, res: NodeResponse) => {
    tracker.request(req, res);
    route(req, res);
  };

  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const http1Server = http.createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    handleRequest,
  );
  // Node checks headersTimeout and requestTimeout from a timer it starts when the server begins listening. This
  // server never listens itself (the sniffer hands it sockets), so without this those timeouts never ran and a
  // client sending headers at one byte a second kept its connection for ever.
  http1Server.emit('listening');
  http1Server.timeout = idleTimeoutMs;
  http1Server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && err.code === 'HPE_HEADER_OVERFLOW') socket.end('HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n\r\n');
    else if (socket.writable && err.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.end('HTTP/1.1 408 Request Timeout\r\nconnection: close\r\n\r\n');
    else if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
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
  http2Server.on('session', (session) => tracker.session(session));
  http2Server.on('sessionError', () => {});

  const dispatch = (socket: net.Socket, protocol: WireProtocol) => {
    tracker.detected(socket, protocol);
    (protocol === 'h2c' ? http2Server : http1Server).emit('connection', socket);
  };
  const perClient = new ClientConnectionLimit(options.maxConnectionsPerClient ?? DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
  const listener = net.createServer((socket) => {
    if (perClient.admit(socket) && tracker.accept(socket)) sniffProtocol(socket, { timeoutMs: options.sniffTimeoutMs ?? DEFAULT_SNIFF_TIMEOUT_MS, onDetected: dispatch });
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
    const inFlightAtStart = tracker.inFlight;
    closing = new Promise<ShutdownReport>((resolve) => {
      let forced = false;
      const cutOff = () => {
        if (!tracker.hasConnections) return;
        forced = tracker.inFlight > 0;
        hardStop.abort(new ConnectError('the server is shutting down', Code.Unavailable));
        tracker.destroyAll();
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
      tracker.drain();
      hub.close();
      // Stops Node's request timeout checks; the server never listened, so the callback only reports that.
      http1Server.close(() => {});
      if (closeOptions.force) forceNow();
    });
    return closing;
  };

  return {
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    namespace,
    inFlight: () => tracker.inFlight,
    readiness,
    close,
  };
}
