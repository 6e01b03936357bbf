import { UserError } from '../../shared/errors/user-error.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type PropagationPolicy } from '../../shared/kube/kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { parseDuration } from '../../shared/kube/duration.js';
import { type AbortOptions, abortAction, abortRun } from '../../shared/queue/abort.js';
import { type AbortCommandOptions } from '../commands/abort.js';
import { connectionFlags } from '../connection-options.js';
import { parseDryRun } from '../key-values.js';
import { runScope } from '../run-defaults.js';

const POLICIES: Record<string, PropagationPolicy> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

export async function runAbort(target: { run: string; action?: string }, options: AbortCommandOptions): Promise<void> {
  const policy = POLICIES[(options.cascade ?? 'background').toLowerCase()];
  if (!policy) throw new UserError(`--cascade must be one of background|foreground|orphan, got "${options.cascade}"`);
  const dryRun = parseDryRun(options.dryRun);
  if (dryRun === 'client') throw new UserError('abort supports --dry-run=server only: what a delete removes is decided by the cluster');
  const timeoutMs = parseDuration(options.timeout ?? '5m', '--timeout');
  const connection = loadConnection(connectionFlags(options));
  const scope = runScope(options);
  const client = new HttpKubeClient(connection);
  const abortOptions: AbortOptions = {
    namespace: connection.namespace,
    propagationPolicy: policy,
    wait: options.wait,
    timeoutMs,
    dryRun: dryRun === 'server',
    onProgress: (remaining) => process.stderr.write(`waiting: ${remaining} TaskAction(s) left\n`),
  };
  try {
    const result = target.action
      ? await abortAction(client, { ...scope, runName: target.run }, target.action, abortOptions)
      : await abortRun(client, { ...scope, runName: target.run }, abortOptions);
    const suffix = dryRun === 'server' ? ' (server dry run)' : '';
    for (const name of result.deleted) process.stdout.write(`taskaction.flyte.org/${name} deleted${suffix}\n`);
    if (result.note) process.stderr.write(`${result.note}\n`);
  } finally {
    client.close();
  }
}
