import { type Command, Option } from 'commander';
import { type ConnectionOptionValues, addConnectionFlags } from '../connection-options.js';
import { addExamples } from '../examples-help.js';

export interface ServeOptions extends ConnectionOptionValues {
  host: string;
  port: string;
  maxBodyBytes: string;
  shutdownTimeout: string;
}

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description(
      "Serve Flyte's QueueService (EnqueueAction, AbortQueuedRun, AbortQueuedAction) over TaskActions: Connect, gRPC " +
        'and gRPC-Web, binary and JSON, HTTP/1.1 and cleartext HTTP/2 on one port, with /healthz and /readyz',
    )
    .option('--host <address>', 'address to listen on (0.0.0.0 for every interface, e.g. in a Pod)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8089')
    // Flyte's queue defaults to namespace flyte, not the context's, so a Flyte deployment finds its TaskActions.
    .addOption(new Option('-n, --namespace <namespace>', 'namespace of the TaskActions').default('flyte'))
    .option('--max-body-bytes <bytes>', 'largest request message accepted; larger ones get resource_exhausted', String(4 * 1024 * 1024))
    .option('--shutdown-timeout <duration>', 'on SIGTERM/SIGINT, how long in-flight requests may take to finish', '25s')
    .action(async (options: ServeOptions) => {
      const { runServe } = await import('../lazy/serve.js');
      await runServe(options);
    });
  addConnectionFlags(command, { namespace: false });
  addExamples(command, program, [
    'serve',
    'serve --port 9090 --namespace queue',
    'serve --host 0.0.0.0 --kubeconfig ~/.kube/prod --context flyte',
  ]);
}
