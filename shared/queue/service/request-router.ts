import { performance } from 'node:perf_hooks';
import { ConnectError, createConnectRouter, createContextValues } from '@connectrpc/connect';
import { codeToString } from '@connectrpc/connect/protocol-connect';
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from '@connectrpc/connect-node';
import { ActionsService } from '@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.js';
import { QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { type ActionUpdatesHub } from '../../actions/index.js';
import { type KubeClient } from '../../kube/index.js';
import { type TaskActionNaming } from '../../task-action/index.js';
import { createActionsServiceImpl } from './actions-service-impl.js';
import { isHealthPath, serveHealth } from './health-endpoints.js';
import { type NodeRequest, type NodeResponse } from './node-http.js';
import { oncePerField } from './once-per-field.js';
import { createQueueServiceImpl } from './queue-service-impl.js';
import { type Readiness } from './readiness.js';
import { RAW_REQUEST_BODY, type RawRequestBody, captureBody } from './raw-request-body.js';
import { type RequestLogEntry, formatRequestLog } from './request-log.js';
import { observeRpcOutcome, rpcProtocol } from './rpc-outcome.js';
import { releaseUnreadBody } from './unread-body.js';
import { validatedRequestBody } from './validated-request-body.js';
import { callDeadline } from './call-deadline.js';

export interface RequestRouterOptions {
  client: KubeClient;
  namespace: string;
  /** How QueueService names what it creates; ActionsService always uses Flyte's current naming. */
  naming: TaskActionNaming;
  /** The namespace's shared TaskAction watch for WatchForUpdates. */
  hub: ActionUpdatesHub;
  maxBodyBytes: number;
  /** For calls without a deadline of their own. */
  callTimeoutMs: number;
  readiness: () => Promise<Readiness>;
  /** Aborted when shutdown gives up waiting: handlers then see their context signal fire. */
  shutdownSignal: AbortSignal;
  log: (line: string) => void;
  /** Receives every request that is logged, as data (for metrics). */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** connect-node's response type (both Node response kinds, with compatible `write` signatures). */
type NodeServerResponse = Parameters<typeof universalResponseToNodeResponse>[1];

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

/**
 * Answers one request: QueueService and ActionsService procedures (Connect, gRPC and gRPC-Web; binary and JSON), `/healthz` and
 * `/readyz`, 404 for anything else. Writes a log line per request once its answer is out (or its client is
 * gone), except for successful probes.
 */
export function createRequestRouter(options: RequestRouterOptions): (req: NodeRequest, res: NodeResponse) => void {
  const router = createConnectRouter({
    readMaxBytes: options.maxBodyBytes,
    shutdownSignal: options.shutdownSignal,
    acceptCompression: [compressionGzip, compressionBrotli],
    interceptors: [callDeadline(options.callTimeoutMs)],
  });
  const warn = oncePerField((message) => options.log(`warning: ${message}`));
  router.service(QueueService, createQueueServiceImpl(options.client, { namespace: options.namespace, naming: options.naming, warn }));
  router.service(ActionsService, createActionsServiceImpl(options.client, { namespace: options.namespace, hub: options.hub, warn }));
  const procedures = new Map(router.handlers.map((handler) => [handler.requestPath, handler]));

  return (req, res) => {
    const started = performance.now();
    const path = pathOf(req.url);
    // What to log once the answer is out (or the client is gone); undefined logs nothing.
    let describe: () => Omit<RequestLogEntry, 'method' | 'path' | 'ms'> | undefined = () => undefined;
    releaseUnreadBody(req, res, options.maxBodyBytes);
    res.once('close', () => {
      const described = describe();
      if (described === undefined) return;
      const entry = { method: req.method ?? '?', path, ms: performance.now() - started, ...described };
      options.log(formatRequestLog(entry));
      options.onRequest?.(entry);
    });

    const procedure = procedures.get(path);
    if (procedure === undefined) {
      if (isHealthPath(path)) {
        void serveHealth(req, res, path, options.readiness);
        // Probes run every few seconds; only their failures are worth a line.
        describe = () => (res.statusCode === 200 ? undefined : { protocol: 'http', code: String(res.statusCode) });
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`not found: ${path} (this server answers flyteidl2.workflow.QueueService, flyteidl2.actions.ActionsService, /healthz and /readyz)\n`);
      describe = () => ({ protocol: 'http', code: '404' });
      return;
    }

    const protocol = rpcProtocol(req.headers['content-type']);
    describe = () => ({ protocol, code: 'canceled', message: 'the client closed the connection before the answer' });
    const raw: RawRequestBody = {
      contentType: req.headers['content-type'] ?? '',
      encoding: String(req.headers['grpc-encoding'] ?? req.headers['content-encoding'] ?? ''),
      chunks: [],
    };
    const values = createContextValues().set(RAW_REQUEST_BODY, raw);
    const universal = universalRequestFromNodeRequest(req, res as NodeServerResponse, undefined, values);
    // Requests are small (maxBodyBytes) and read whole anyway; keeping the bytes lets handlers store them as sent.
    const captured = captureBody(universal.body as AsyncIterable<Uint8Array>, raw);
    const universalRequest = { ...universal, body: validatedRequestBody(captured, raw, procedure.method.input, options.maxBodyBytes) };
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
}
