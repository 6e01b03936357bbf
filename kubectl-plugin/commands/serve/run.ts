import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type QueueServiceServer, startQueueServiceServer } from '../../../shared/queue/service/index.js';
import { nextInterrupt } from '../../cli/interrupt.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { SilentExit } from '../../cli/silent-exit.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseDurationFlag } from '../../flags/duration-flag.js';
import { parseWholeNumber } from '../../flags/whole-number.js';
import { type ServeFlags } from './command.js';
import { parseBindAddress, type ProbeServer, startProbeServer } from '../../cli/probe-server.js';
import { listenError } from './listen-error.js';
import { ServeMetrics } from './serve-metrics.js';

/** The server's settings from the flags, each parsed and checked. */
interface ServeOptions {
  port: number;
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  callTimeoutMs: number;
  maxConnectionsPerClient: number;
}

function complete(flags: ServeFlags): ServeOptions {
  return {
    port: parseWholeNumber(flags.port, '--port', { max: 65535 }),
    maxBodyBytes: parseWholeNumber(flags.maxBodyBytes, '--max-body-bytes', { min: 1024, max: 2 ** 31 - 1 }),
    shutdownTimeoutMs: parseDurationFlag(flags.shutdownTimeout, '--shutdown-timeout'),
    headersTimeoutMs: parseDurationFlag(flags.headersTimeout, '--headers-timeout'),
    requestTimeoutMs: parseDurationFlag(flags.readTimeout, '--read-timeout'),
    callTimeoutMs: parseDurationFlag(flags.callTimeout, '--call-timeout'),
    maxConnectionsPerClient: parseWholeNumber(flags.maxConnectionsPerClient, '--max-connections-per-client', { min: 1, max: 1_000_000 }),
  };
}

/**
 * Runs the QueueService until SIGTERM or SIGINT, then shuts down gracefully: no new connections, in-flight
 * requests finish, exit 0. A second signal (or the --shutdown-timeout) cuts the remaining requests off, exit 1.
 */
export async function runServe(io: IOStreams, flags: ServeFlags): Promise<void> {
  const options = complete(flags);
  if (flags.metricsBindAddress !== undefined) parseBindAddress(flags.metricsBindAddress);
  const log = (line: string) => io.err.write(`${line}\n`);
  const connection = loadConnection(connectionFlags(flags, io.err));
  let inFlight = (): number => 0;
  const metrics = flags.metricsBindAddress !== undefined ? new ServeMetrics(() => inFlight()) : undefined;
  if (metrics) connection.observeRequest = (request) => metrics.request(request);
  const client = new HttpKubeClient(connection);

  let server: QueueServiceServer;
  try {
    server = await startQueueServiceServer({
      client,
      namespace: flags.namespace,
      naming: flags.naming === 'flyte-head' ? 'flyte-head' : 'flyte-s3',
      host: flags.host,
      ...options,
      log,
      ...(metrics ? { onRequest: (entry) => metrics.served(entry) } : {}),
    });
  } catch (err) {
    client.close();
    throw listenError(err, flags.host, options.port);
  }
  const running = server;
  inFlight = () => running.inFlight();
  let metricsServer: ProbeServer | undefined;
  if (metrics && flags.metricsBindAddress !== undefined) {
    try {
      metricsServer = await startProbeServer([{ address: flags.metricsBindAddress, health: false, metrics: true }], { metrics: () => metrics.render() });
    } catch (err) {
      await server.close({ force: true });
      client.close();
      throw err;
    }
  }
  io.out.write(
    `Serving flyteidl2.workflow.QueueService and flyteidl2.actions.ActionsService on ${server.url} (Connect, gRPC, gRPC-Web; HTTP/1.1 and h2c) ` +
      `for TaskActions in namespace "${flags.namespace}" of ${connection.server}\n`,
  );
  for (const address of metricsServer?.addresses ?? []) log(`serving /metrics on ${address}`);
  void server.readiness().then((state) => {
    if (!state.ready) log(`not ready yet (/readyz answers 503): ${state.reason}`);
  });

  const signal = await nextInterrupt().received;
  log(`${signal}: shutting down, ${server.inFlight()} request(s) in flight`);
  const second = nextInterrupt();
  void second.received.then((again) => {
    log(`${again} again: cutting off the requests still in flight`);
    void server.close({ force: true });
  });
  const report = await server.close();
  await metricsServer?.close();
  second.cancel();
  client.close();
  if (!report.forced) {
    log('stopped');
    return;
  }
  log('stopped; requests still in flight were cut off');
  throw new SilentExit(1);
}
