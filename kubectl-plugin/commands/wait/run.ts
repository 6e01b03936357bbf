import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { waitForRunsExitCode } from '../../cli/run-wait.js';
import { SilentExit } from '../../cli/silent-exit.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseOptionalDurationFlag } from '../../flags/duration-flag.js';
import { type WaitFlags } from './command.js';

export async function runWait(io: IOStreams, run: string, flags: WaitFlags): Promise<void> {
  const timeoutMs = parseOptionalDurationFlag(flags.timeout, '--timeout', { minMs: 1 });
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  try {
    const ref = {
      namespace: connection.namespace,
      runName: run,
      ...(flags.org !== undefined ? { org: flags.org } : {}),
      ...(flags.project !== undefined ? { project: flags.project } : {}),
      ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
    };
    const code = await waitForRunsExitCode(io, client, [ref], timeoutMs);
    if (code !== 0) throw new SilentExit(code);
  } finally {
    client.close();
  }
}
