import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type RunSummary, filterRuns, runRecord, selectRuns } from '../../../shared/runs/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseOptionalDurationFlag } from '../../flags/duration-flag.js';
import { labelColumnKeys } from '../../flags/printing-flags.js';
import { parseRunPhases } from '../../flags/run-phase-flag.js';
import { runListSelector } from '../../flags/run-selector.js';
import { labelColumns } from '../../printers/label-columns.js';
import { objectPrinting, renderListing } from '../../printers/listing-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { renderRunTable } from '../../printers/run-table.js';
import { parseSortBy, sortObjects } from '../../printers/sort-by.js';
import { type ListFlags } from './command.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'] as const;

function parseFlags(flags: ListFlags, now: number) {
  const format = parseOutputFormat(flags.output, FORMATS);
  const phases = parseRunPhases(flags.status);
  const sinceMs = parseOptionalDurationFlag(flags.since, '--since', { minMs: 1 });
  return { format, sortBy: parseSortBy(flags.sortBy), filter: { phases, since: sinceMs === undefined ? undefined : new Date(now - sinceMs) } };
}

export async function runList(io: IOStreams, flags: ListFlags): Promise<void> {
  const now = Date.now();
  const { format, sortBy, filter } = parseFlags(flags, now);
  const connection = loadConnection(connectionFlags(flags));
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const client = new HttpKubeClient(connection);
  try {
    const selected = filterRuns(
      await selectRuns(client, namespace, { runLabels: runListSelector(undefined, flags), actionSelector: flags.selector, actionFieldSelector: flags.fieldSelector }),
      filter,
    );
    // Kubernetes-shaped records (see RunRecord) are what -o prints and what --sort-by paths point into.
    const recordOf = new Map(selected.map((run) => [run, runRecord(run, new Date(now))]));
    const runs = sortBy ? sortObjects(selected, sortBy, (run) => recordOf.get(run)) : selected;
    const records = runs.map((run) => recordOf.get(run) ?? runRecord(run, new Date(now)));
    const noHeaders = flags.headers === false;
    const objects = objectPrinting(format);
    if (objects && (objects.kind === 'jsonpath' || (objects.kind === 'builtin' && objects.name !== 'name'))) {
      // An empty listing is still a List, as kubectl prints one.
      io.out.write(renderListing(records, objects, { noHeaders }));
      return;
    }
    if (runs.length === 0) {
      io.err.write(flags.allNamespaces ? 'No runs found.\n' : `No runs found in ${connection.namespace} namespace.\n`);
      return;
    }
    if (objects) {
      io.out.write(renderListing(records, objects, { noHeaders }));
      return;
    }
    const extraColumns = labelColumns<RunSummary>(labelColumnKeys(flags.labelColumns), flags.showLabels ?? false, (run) => run.root?.metadata.labels);
    io.out.write(
      renderRunTable(runs, { wide: format?.kind === 'builtin' && format.name === 'wide', allNamespaces: flags.allNamespaces, noHeaders, now, extraColumns }),
    );
  } finally {
    client.close();
  }
}
