import { UserError } from '../../shared/errors/user-error.js';
import { parseDuration } from '../../shared/kube/duration.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { type QueueServiceServer, startQueueServiceServer } from '../../shared/queue/service/queue-service-server.js';
import { type ServeOptions } from '../commands/serve.js';
import { connectionFlags } from '../connection-options.js';

function parseInteger(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UserError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new UserError(`${host}:${port} is already in use`, {}, 'stop the other server, or choose another --port (0 picks a free one)');
  }
  if (code === 'EACCES') {
    return new UserError(`not allowed to listen on ${host}:${port}`, {}, 'ports below 1024 need privileges: choose a --port of 1024 or more');
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new UserError(`cannot listen on ${host}: no such local address`, {}, 'use 127.0.0.1, 0.0.0.0 or an address of this machine for --host');
  }
  return err;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The next SIGTERM or SIGINT; `cancel` stops listening. */
function nextSignal(): { received: Promise<NodeJS.Signals>; cancel: () => void } {
  let on: (signal: NodeJS.Signals) => void = () => {};
  const cancel = () => {
    process.off('SIGTERM', on);
    process.off('SIGINT', on);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    on = (signal) => {
      cancel();
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
  return { received, cancel };
}

/**
 * Runs the QueueService until SIGTERM or SIGINT, then shuts down gracefully: no new connections, in-flight
 * requests finish, exit 0. A second signal (or the --shutdown-timeout) cuts the remaining requests off, exit 1.
 */
export async function runServe(options: ServeOptions): Promise<void> {
  const port = parseInteger(options.port, '--port', 0, 65535);
  const maxBodyBytes = parseInteger(options.maxBodyBytes, '--max-body-bytes', 1024, 2 ** 31 - 1);
  const shutdownTimeoutMs = parseDuration(options.shutdownTimeout, '--shutdown-timeout');
  const namespace = options.namespace ?? 'flyte';
  const connection = loadConnection(connectionFlags(options));
  const client = new HttpKubeClient(connection);

  let server: QueueServiceServer;
  try {
    server = await startQueueServiceServer({ client, namespace, host: options.host, port, maxBodyBytes, shutdownTimeoutMs, log });
  } catch (err) {
    client.close();
    throw listenError(err, options.host, port);
  }
  process.stdout.write(
    `Serving flyteidl2.workflow.QueueService on ${server.url} (Connect, gRPC, gRPC-Web; HTTP/1.1 and h2c) ` +
      `for TaskActions in namespace "${namespace}" of ${connection.server}\n`,
  );
  void server.readiness().then((state) => {
    if (!state.ready) log(`not ready yet (/readyz answers 503): ${state.reason}`);
  });

  const signal = await nextSignal().received;
  log(`${signal}: shutting down, ${server.inFlight()} request(s) in flight`);
  const second = nextSignal();
  void second.received.then((again) => {
    log(`${again} again: cutting off the requests still in flight`);
    void server.close({ force: true });
  });
  const report = await server.close();
  second.cancel();
  client.close();
  if (report.forced) {
    log('stopped; requests still in flight were cut off');
    process.exitCode = 1;
  } else {
    log('stopped');
  }
}
