import { type Command, Option } from 'commander';
import { formatDuration } from '../../../shared/kube/index.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
  DEFAULT_NAMESPACE,
  DEFAULT_NAMING,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
} from '../../../shared/queue/service/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';

export interface ServeFlags extends ConnectionOptionValues {
  host: string;
  port: string;
  namespace: string;
  maxBodyBytes: string;
  shutdownTimeout: string;
  naming: string;
  metricsBindAddress?: string;
  headersTimeout: string;
  readTimeout: string;
  callTimeout: string;
  maxConnectionsPerClient: string;
}

export function registerServe(program: Command, io: IOStreams): void {
  const command = program
    .command('serve')
    .description(
      "Serve Flyte's QueueService (EnqueueAction, AbortQueuedRun, AbortQueuedAction) and ActionsService (Enqueue, " +
        'WatchForUpdates, Update, Abort, Signal) over TaskActions: Connect, gRPC and gRPC-Web, binary and JSON, ' +
        'HTTP/1.1 and cleartext HTTP/2 on one port, with /healthz and /readyz',
    )
    .option('--host <address>', 'address to listen on (0.0.0.0 for every interface, e.g. in a Pod)', DEFAULT_HOST)
    .option('--port <port>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
    // Flyte's queue defaults to namespace flyte, not the context's, so a Flyte deployment finds its TaskActions.
    .addOption(new Option('-n, --namespace <namespace>', 'namespace of the TaskActions').default(DEFAULT_NAMESPACE))
    .option('--max-body-bytes <bytes>', 'largest request message accepted; larger ones get resource_exhausted', String(DEFAULT_MAX_BODY_BYTES))
    .addOption(
      new Option('--naming <scheme>', "TaskAction names QueueService writes: flyte-s3 (<org>-<project>-<domain>-<run>-<action>) or flyte-head (<run>-<action>); ActionsService always uses flyte-head")
        .choices(['flyte-s3', 'flyte-head'])
        .default(DEFAULT_NAMING),
    )
    .option('--shutdown-timeout <duration>', 'on SIGTERM/SIGINT, how long in-flight requests may take to finish', formatDuration(DEFAULT_SHUTDOWN_TIMEOUT_MS))
    .option('--metrics-bind-address <address>', 'serve Prometheus /metrics here, e.g. :8080 (default: off)')
    .option('--headers-timeout <duration>', "HTTP/1.1: how long a request's headers may take to arrive (then 408)", formatDuration(DEFAULT_HEADERS_TIMEOUT_MS))
    .option('--read-timeout <duration>', 'HTTP/1.1: how long a whole request, headers and body, may take to arrive (then 408)', formatDuration(DEFAULT_REQUEST_TIMEOUT_MS))
    .option('--call-timeout <duration>', 'deadline of calls that send none (connect-timeout-ms, grpc-timeout); then deadline_exceeded', formatDuration(DEFAULT_CALL_TIMEOUT_MS))
    .option('--max-connections-per-client <n>', 'open connections one client address may hold; more are closed at once', String(DEFAULT_MAX_CONNECTIONS_PER_CLIENT))
    .action(async (flags: ServeFlags) => {
      const { runServe } = await import('./run.js');
      await runServe(io, flags);
    });
  addConnectionFlags(command, { namespace: false });
  addExamples(command, program, [
    'serve',
    'serve --port 9090 --namespace queue',
    'serve --host 0.0.0.0 --kubeconfig ~/.kube/prod --context flyte',
  ]);
}
