import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { filterRuns, runRecord, selectRuns } from '../../../shared/runs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flags.js';
import { parseOptionalDurationFlag } from '../../flags/duration-flag.js';
import { parseRunPhases } from '../../flags/run-phase-flag.js';
import { runListSelector } from '../../flags/run-selector.js';
import { renderObjects } from '../../printers/object-output.js';
import { renderRunTable } from '../../printers/run-table.js';
import { type ListFlags } from './command.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'];

function parseFlags(flags: ListFlags, now: number) {
  if (flags.output !== undefined && !FORMATS.includes(flags.output)) {
    throw new UserError(`--output must be one of ${FORMATS.join('|')}, got "${flags.output}"`);
  }
  const phases = parseRunPhases(flags.status);
  const sinceMs = parseOptionalDurationFlag(flags.since, '--since', { minMs: 1 });
  return { phases, since: sinceMs === undefined ? undefined : new Date(now - sinceMs) };
}

export async function runList(io: IOStreams, flags: ListFlags): Promise<void> {
  const now = Date.now();
  const filter = parseFlags(flags, now);
  const connection = loadConnection(connectionFlags(flags));
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const client = new HttpKubeClient(connection);
  try {
    const runs = filterRuns(
      await selectRuns(client, namespace, { runLabels: runListSelector(undefined, flags), actionSelector: flags.selector }),
      filter,
    );
    if (flags.output === 'yaml' || flags.output === 'json') {
      // Kubernetes-shaped records (see RunRecord), listed as kubectl lists objects; an empty list is still a List.
      io.out.write(renderObjects(runs.map((run) => runRecord(run, new Date(now))), flags.output, { alwaysList: true }));
      return;
    }
    if (runs.length === 0) {
      io.err.write(flags.allNamespaces ? 'No runs found.\n' : `No runs found in ${connection.namespace} namespace.\n`);
      return;
    }
    if (flags.output === 'name') {
      io.out.write(renderObjects(runs.map((run) => runRecord(run, new Date(now))), 'name'));
      return;
    }
    io.out.write(renderRunTable(runs, { wide: flags.output === 'wide', allNamespaces: flags.allNamespaces, noHeaders: flags.headers === false, now }));
  } finally {
    client.close();
  }
}
