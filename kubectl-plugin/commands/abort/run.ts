import { UserError } from '../../../shared/errors/index.js';
import { DEFAULT_LEASE_NAME, executorPresence } from '../../../shared/executor/index.js';
import { HttpKubeClient, loadConnection, type PropagationPolicy } from '../../../shared/kube/index.js';
import { POD_OWNED_OBJECTS } from '../../../shared/plugins/pod/index.js';
import { ABORT_CLEANUP_MODES, type AbortCleanupMode, abortAction, abortCleanupReport, type CleanupOutcome, abortRun, runScope } from '../../../shared/queue/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseDryRun } from '../../flags/dry-run.js';
import { parseDurationFlag } from '../../flags/duration-flag.js';
import { type AbortFlags } from './command.js';

function parseCleanup(value: string): AbortCleanupMode {
  const mode = ABORT_CLEANUP_MODES.find((m) => m === value.toLowerCase());
  if (!mode) throw new UserError(`--cleanup must be one of ${ABORT_CLEANUP_MODES.join('|')}, got "${value}"`);
  return mode;
}

const POLICIES: Record<string, PropagationPolicy> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

export async function runAbort(io: IOStreams, target: { run: string; action?: string }, flags: AbortFlags): Promise<void> {
  const propagationPolicy = POLICIES[flags.cascade.toLowerCase()];
  if (!propagationPolicy) throw new UserError(`--cascade must be one of background|foreground|orphan, got "${flags.cascade}"`);
  const dryRun = parseDryRun(flags.dryRun);
  if (dryRun === 'client') throw new UserError('abort supports --dry-run=server only: what a delete removes is decided by the cluster');
  const timeoutMs = parseDurationFlag(flags.timeout, '--timeout');
  const cleanupMode = parseCleanup(flags.cleanup);
  const connection = loadConnection(connectionFlags(flags, io.err));
  const run = { ...runScope(flags), runName: target.run };
  const client = new HttpKubeClient(connection);
  const options = {
    namespace: connection.namespace,
    propagationPolicy,
    wait: flags.wait,
    timeoutMs,
    dryRun: dryRun === 'server',
    onProgress: (remaining: number) => io.err.write(`waiting: ${remaining} TaskAction(s) left\n`),
    // Printed when the delete happens, so a wait that then times out does not hide what was deleted.
    onDeleted: (name: string) => io.out.write(`taskaction.flyte.org/${name} deleted${dryRun === 'server' ? ' (server dry run)' : ''}\n`),
    cleanup: {
      mode: cleanupMode,
      ownedObjects: [POD_OWNED_OBJECTS],
      executorPresence: (namespace: string) => executorPresence(client, namespace, { leaseName: DEFAULT_LEASE_NAME }),
      leaseName: DEFAULT_LEASE_NAME,
      onObjectDeleted: (ref: string) => io.out.write(`${ref} deleted\n`),
    },
    onCleanup: (outcome: CleanupOutcome) => {
      for (const line of abortCleanupReport(outcome, connection.namespace)) io.err.write(`${line}\n`);
    },
    onObjectsProgress: (remaining: number) => io.err.write(`waiting: ${remaining} Pod(s) left\n`),
  };
  try {
    const result = target.action ? await abortAction(client, run, target.action, options) : await abortRun(client, run, options);
    if (result.note) io.err.write(`${result.note}\n`);
  } finally {
    client.close();
  }
}
