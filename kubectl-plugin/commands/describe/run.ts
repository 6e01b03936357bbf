import { describeAction, describeRun, renderActionDetails, renderRunDetails } from '../../../shared/describe/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { findRunAction, runActions } from '../../../shared/logs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { runListSelector } from '../../flags/run-selector.js';
import { type DescribeFlags } from './command.js';
import { renderYaml } from '../../printers/object-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { renderCustomColumns, renderJsonPath } from '../../printers/template-output.js';

const FORMATS = ['yaml', 'json'] as const;

/** `describe RUN [ACTION]`: the core gathers the details as data; text, YAML or JSON is only how they are printed. */
export async function runDescribe(io: IOStreams, target: { run: string; action: string | undefined }, flags: DescribeFlags): Promise<void> {
  const format = parseOutputFormat(flags.output, FORMATS);
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  try {
    const run = { namespace: connection.namespace, runName: target.run, runSelector: runListSelector(target.run, flags) ?? '' };
    const actions = await runActions(client, run);
    const details =
      target.action === undefined
        ? { kind: 'run' as const, data: describeRun(connection.namespace, actions) }
        : { kind: 'action' as const, data: await describeAction(client, findRunAction(actions, { runName: target.run, action: target.action })) };
    if (format?.kind === 'jsonpath') io.out.write(renderJsonPath([details.data], format.flag, format.template, { asList: false }));
    else if (format?.kind === 'custom-columns') io.out.write(renderCustomColumns([details.data], format.flag, format.columns));
    else if (format?.name === 'json') io.out.write(`${JSON.stringify(details.data, null, 2)}\n`);
    else if (format?.name === 'yaml') io.out.write(renderYaml(details.data));
    else io.out.write(details.kind === 'run' ? renderRunDetails(details.data) : renderActionDetails(details.data));
  } finally {
    client.close();
  }
}
