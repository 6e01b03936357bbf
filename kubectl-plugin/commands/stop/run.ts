import { UserError } from '../../../shared/errors/index.js';
import { stopWaitsForExecutorNotices } from '../../../shared/executor/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type StopResult, stopRun, stopRuns, waitUntilStopped } from '../../../shared/runs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseDurationFlag } from '../../flags/duration-flag.js';
import { type StopFlags } from './command.js';

function validate(run: string | undefined, flags: StopFlags): void {
  const many = flags.all === true || flags.selector !== undefined;
  if (many && run !== undefined) throw new UserError('give a run name or --all/-l, not both');
  if (!many && run === undefined) throw new UserError('name the run to stop', {}, 'e.g. kubectl kueue stop nightly, or --all, or -l SELECTOR for many runs');
  if (flags.all === true && flags.selector !== undefined) throw new UserError('--all and -l/--selector cannot be combined', {}, 'give one of them');
  if (flags.allNamespaces === true && !many) throw new UserError('-A/--all-namespaces needs --all or -l');
  if (flags.allNamespaces === true && flags.namespace !== undefined) throw new UserError('-A/--all-namespaces and -n/--namespace cannot be combined', {}, 'give one of them');
}

export async function runStop(io: IOStreams, run: string | undefined, action: string | undefined, flags: StopFlags): Promise<void> {
  validate(run, flags);
  const timeoutMs = parseDurationFlag(flags.timeout, '--timeout', { minMs: 1 });
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  try {
    const results =
      run !== undefined
        ? [
            await stopRun(
              client,
              {
                namespace: connection.namespace,
                runName: run,
                ...(flags.org !== undefined ? { org: flags.org } : {}),
                ...(flags.project !== undefined ? { project: flags.project } : {}),
                ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
              },
              action,
            ),
          ]
        : await stopRuns(client, flags.allNamespaces ? undefined : connection.namespace, flags.selector);
    report(io, results, run, action, flags.allNamespaces ? 'every namespace' : `namespace "${connection.namespace}"`);
    const waiting = results.filter((result) => result.stopped.length > 0).map((result) => result.run.namespace);
    // Before any waiting: with nobody to act on the stop, --wait would only time out.
    for (const notice of await stopWaitsForExecutorNotices(client, waiting)) io.err.write(`${notice}\n`);
    if (flags.wait && !(await waitUntilStopped(client, results, { timeoutMs }))) {
      throw new UserError(`timed out after ${flags.timeout} waiting for the executor to stop the actions`, {}, 'is an executor running? kubectl kueue executor');
    }
  } finally {
    client.close();
  }
}

function report(io: IOStreams, results: readonly StopResult[], run: string | undefined, action: string | undefined, where: string): void {
  for (const result of results) for (const name of result.stopped) io.out.write(`taskaction.flyte.org/${name} stopped\n`);
  if (results.some((result) => result.stopped.length > 0)) return;
  const what = run === undefined ? `no unfinished run in ${where}` : action !== undefined ? `action "${action}" of run "${run}" is finished` : `run "${run}" is finished`;
  io.err.write(`${what}: nothing to stop\n`);
}
