import { performance } from 'node:perf_hooks';
import { ConnectError, createConnectRouter } from '@connectrpc/connect';
import { codeToString } from '@connectrpc/connect/protocol-connect';
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from '@connectrpc/connect-node';
import { QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { type KubeClient } from '../../kube/index.js';
import { isHealthPath, serveHealth } from './health-endpoints.js';
import { type NodeRequest, type NodeResponse } from './node-http.js';
import { createQueueServiceImpl } from './queue-service-impl.js';
import { type Readiness } from './readiness.js';
import { type RequestLogEntry, formatRequestLog } from './request-log.js';
import { observeRpcOutcome, rpcProtocol } from './rpc-outcome.js';
import { releaseUnreadBody } from './unread-body.js';

export interface RequestRouterOptions {
  client: KubeClient;
  namespace: string;
  maxBodyBytes: number;
  readiness: () => Promise<Readiness>;
  /** Aborted when shutdown gives up waiting: handlers then see their context signal fire. */
  shutdownSignal: AbortSignal;
  log: (line: string) => void;
}

/** connect-node's response type (both Node response kinds, with compatible `write` signatures). */
type NodeServerResponse = Parameters<typeof universalResponseToNodeResponse>[1];

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

/**
 * Answers one request: QueueService procedures (Connect, gRPC and gRPC-Web; binary and JSON), `/healthz` and
 * `/readyz`, 404 for anything else. Writes a log line per request once its answer is out (or its client is
 * gone), except for successful probes.
 */
export function createRequestRouter(options: RequestRouterOptions): (req: NodeRequest, res: NodeResponse) => void {
  const router = createConnectRouter({
    readMaxBytes: options.maxBodyBytes,
    shutdownSignal: options.shutdownSignal,
    acceptCompression: [compressionGzip, compressionBrotli],
  });
  router.service(QueueService, createQueueServiceImpl(options.client, { namespace: options.namespace, warn: (message) => options.log(`warning: ${message}`) }));
  const procedures = new Map(router.handlers.map((handler) => [handler.requestPath, handler]));

  return (req, res) => {
    const started = performance.now();
    const path = pathOf(req.url);
    // What to log once the answer is out (or the client is gone); undefined logs nothing.
    let describe: () => Omit<RequestLogEntry, 'method' | 'path' | 'ms'> | undefined = () => undefined;
    releaseUnreadBody(req, res, options.maxBodyBytes);
    res.once('close', () => {
      const entry = describe();
      if (entry) options.log(formatRequestLog({ method: req.method ?? '?', path, ms: performance.now() - started, ...entry }));
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
}
