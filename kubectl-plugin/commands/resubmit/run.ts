import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { resubmitRun } from '../../../shared/runs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { objectName } from '../../printers/object-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { SINGLE_OBJECT_FORMATS, renderSingleObjects } from '../../printers/single-objects-output.js';
import { type ResubmitFlags } from './command.js';

/** `resubmit RUN`: prints what it created as `enqueue` does. */
export async function runResubmit(io: IOStreams, run: string, flags: ResubmitFlags): Promise<void> {
  const format = parseOutputFormat(flags.output, SINGLE_OBJECT_FORMATS);
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  try {
    const outcome = await resubmitRun(
      client,
      connection.namespace,
      {
        runName: run,
        ...(flags.run !== undefined ? { newRunName: flags.run } : {}),
        ...(flags.org !== undefined ? { org: flags.org } : {}),
        ...(flags.project !== undefined ? { project: flags.project } : {}),
        ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
      },
      { onWarning: (message) => io.err.write(`Warning: ${message}\n`) },
    );
    if (format !== undefined) {
      io.out.write(renderSingleObjects(outcome.created.map((c) => c.object), format));
      return;
    }
    io.out.write(outcome.created.map((c) => `${objectName(c.object)} ${c.outcome}\n`).join(''));
  } finally {
    client.close();
  }
}
