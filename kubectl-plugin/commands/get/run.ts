import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, type KubeClient, loadConnection } from '../../../shared/kube/index.js';
import { buildActionTrees, listTaskActions, walkActionTrees } from '../../../shared/queue/index.js';
import { type RunSummary, selectRuns, summarizeRuns } from '../../../shared/runs/index.js';
import { type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { printExecutorNotices, printExecutorNoticesOnceSynced } from '../../cli/executor-notice.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { runLiveView } from '../../cli/live-view.js';
import { watchEvents } from '../../cli/watch-events.js';
import { connectionFlags } from '../../flags/connection-flags.js';
import { labelColumnKeys } from '../../flags/printing-flags.js';
import { runListSelector } from '../../flags/run-selector.js';
import { labelColumns, objectLabels } from '../../printers/label-columns.js';
import { objectPrinting, renderListing, renderWatchedObject } from '../../printers/listing-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { parseSortBy, sortObjects } from '../../printers/sort-by.js';
import { renderTaskActionTable } from '../../printers/task-action-table.js';
import { type GetFlags } from './command.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'] as const;

/** Runs grouped, each in tree order (parents before children), so a listing reads top-down. */
function ordered(actions: TaskAction[]): TaskAction[] {
  const byNamespace = [...actions].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? ''));
  return [...walkActionTrees(buildActionTrees(byNamespace))].map(({ node }) => node.action);
}

/** The runs of the listed actions with all of their actions, read again only when `-l` listed part of them. */
async function runsOf(client: KubeClient, namespace: string | undefined, actions: TaskAction[], flags: GetFlags): Promise<RunSummary[]> {
  if (flags.selector === undefined && flags.fieldSelector === undefined) return summarizeRuns(actions);
  return selectRuns(client, namespace, { runLabels: runListSelector(undefined, flags), actionSelector: flags.selector });
}

function runStatusColumn(runs: readonly RunSummary[]): (action: TaskAction) => string | undefined {
  const byRootUid = new Map(runs.map((run) => [run.root?.metadata.uid, `${run.status.phase} ${run.status.progress}`]));
  byRootUid.delete(undefined);
  return (action) => byRootUid.get(action.metadata.uid);
}

function parseFlags(flags: GetFlags) {
  const format = parseOutputFormat(flags.output, FORMATS);
  if (flags.watchOnly) flags.watch = true;
  if (flags.watch && flags.sortBy !== undefined) throw new UserError('--sort-by cannot be combined with -w/--watch: a watch prints objects as they change');
  return { format, sortBy: parseSortBy(flags.sortBy), labelKeys: labelColumnKeys(flags.labelColumns) };
}

export async function runGet(io: IOStreams, run: string | undefined, flags: GetFlags): Promise<void> {
  const { format, sortBy, labelKeys } = parseFlags(flags);
  const objects = objectPrinting(format);
  const connection = loadConnection(connectionFlags(flags, io.err));
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const labelSelector = runListSelector(run, flags, flags.selector);
  const fieldSelector = flags.fieldSelector;
  const client = new HttpKubeClient(connection);
  const noHeaders = flags.headers === false;
  const wide = format?.kind === 'builtin' && format.name === 'wide';
  const extraColumns = labelColumns<TaskAction>(labelKeys, flags.showLabels ?? false, objectLabels);
  const arrange = (actions: TaskAction[]) => (sortBy ? sortObjects(ordered(actions), sortBy) : ordered(actions));
  const table = (actions: TaskAction[], runs?: RunSummary[], headers = !noHeaders) =>
    renderTaskActionTable(arrange(actions), {
      wide,
      allNamespaces: flags.allNamespaces,
      noHeaders: !headers,
      extraColumns,
      ...(runs ? { runStatusOf: runStatusColumn(runs) } : {}),
    });
  const empty = flags.allNamespaces ? 'No resources found' : `No resources found in ${connection.namespace} namespace.`;
  try {
    if (flags.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector, fieldSelector });
      if (objects) {
        await watchEvents(io, informer, (action, first) => renderWatchedObject(action, objects, first, { noHeaders }), { watchOnly: flags.watchOnly });
        return;
      }
      if (flags.watchOnly) {
        // Only changes: a header once, then a row per changed action, as kubectl prints them.
        await watchEvents(io, informer, (action, first) => table([action], undefined, first && !noHeaders), { watchOnly: true });
        return;
      }
      printExecutorNoticesOnceSynced(io, client, informer);
      // Live, the run status can only come from the actions watched: shown when they are whole runs (no -l).
      await runLiveView(io, informer, (actions) =>
        actions.length === 0 ? `${empty}\n` : table(actions, flags.selector === undefined && fieldSelector === undefined ? summarizeRuns(actions) : undefined),
      );
      return;
    }
    const actions = await listTaskActions(client, namespace, { labelSelector, fieldSelector });
    if (objects && (objects.kind !== 'custom-columns' || actions.length > 0)) {
      io.out.write(renderListing(arrange(actions), objects, { noHeaders }));
      return;
    }
    if (actions.length === 0) {
      io.err.write(`${empty}\n`);
      return;
    }
    io.out.write(table(actions, wide ? await runsOf(client, namespace, actions, flags) : undefined));
    await printExecutorNotices(io, client, actions);
  } finally {
    client.close();
  }
}
