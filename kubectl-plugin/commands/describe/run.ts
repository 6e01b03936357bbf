import { describeAction, describeRun, renderActionDetails, renderRunDetails } from '../../../shared/describe/index.js';
import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { findRunAction, runActions } from '../../../shared/logs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flags.js';
import { runListSelector } from '../../flags/run-selector.js';
import { type DescribeFlags } from './command.js';
import { stringify } from 'yaml';

const FORMATS = ['yaml', 'json'];

/** `describe RUN [ACTION]`: the core gathers the details as data; text, YAML or JSON is only how they are printed. */
export async function runDescribe(io: IOStreams, target: { run: string; action: string | undefined }, flags: DescribeFlags): Promise<void> {
  if (flags.output !== undefined && !FORMATS.includes(flags.output)) throw new UserError(`--output must be one of ${FORMATS.join('|')}, got "${flags.output}"`, { field: '--output' });
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  try {
    const run = { namespace: connection.namespace, runName: target.run, runSelector: runListSelector(target.run, flags) ?? '' };
    const actions = await runActions(client, run);
    const details =
      target.action === undefined
        ? { kind: 'run' as const, data: describeRun(connection.namespace, actions) }
        : { kind: 'action' as const, data: await describeAction(client, findRunAction(actions, { runName: target.run, action: target.action })) };
    if (flags.output === 'json') io.out.write(`${JSON.stringify(details.data, null, 2)}\n`);
    else if (flags.output === 'yaml') io.out.write(stringify(details.data));
    else io.out.write(details.kind === 'run' ? renderRunDetails(details.data) : renderActionDetails(details.data));
  } finally {
    client.close();
  }
}
