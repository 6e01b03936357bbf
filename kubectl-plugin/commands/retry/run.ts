import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { retryRun } from '../../../shared/runs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { objectName } from '../../printers/object-output.js';
import { type RetryFlags } from './command.js';

/** `retry RUN [ACTION]`: one line per action asked to run again, or why there is none. */
export async function runRetry(io: IOStreams, target: { run: string; action?: string }, flags: RetryFlags): Promise<void> {
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  try {
    const outcome = await retryRun(client, connection.namespace, {
      runName: target.run,
      ...(target.action !== undefined ? { actionName: target.action } : {}),
      ...(flags.org !== undefined ? { org: flags.org } : {}),
      ...(flags.project !== undefined ? { project: flags.project } : {}),
      ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
    });
    if (outcome.retried.length === 0) {
      const where = target.action !== undefined ? `action "${target.action}" of run "${target.run}" and the actions below it have` : `run "${target.run}" has`;
      io.out.write(`Nothing to retry: ${where} no failed, aborted or upstream-failed action (${outcome.run.status.phase}, ${outcome.run.status.progress} succeeded).\n`);
      return;
    }
    for (const action of outcome.retried) io.out.write(`${objectName(action)} retried\n`);
  } finally {
    client.close();
  }
}
