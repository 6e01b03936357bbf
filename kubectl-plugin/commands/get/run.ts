import { UserError, isKubeApiError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, type KubeClient, loadConnection } from '../../../shared/kube/index.js';
import { buildActionTrees, listTaskActions, walkActionTrees } from '../../../shared/queue/index.js';
import { type RunSummary, selectRuns, summarizeRuns } from '../../../shared/runs/index.js';
import { LABEL_ACTION, type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { printExecutorNotices, printExecutorNoticesOnceSynced } from '../../cli/executor-notice.js';
import { type IOStreams, isTerminal } from '../../cli/io-streams.js';
import { runLiveView } from '../../cli/live-view.js';
import { watchEvents } from '../../cli/watch-events.js';
import { runWatchRows } from '../../cli/watch-rows.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { labelColumnKeys } from '../../flags/printing-flags.js';
import { runListSelector } from '../../flags/run-selector.js';
import { labelColumns, objectLabels } from '../../printers/label-columns.js';
import { objectPrinting, renderListing, renderWatchedObject } from '../../printers/listing-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { parseSortBy, sortObjects } from '../../printers/sort-by.js';
import { renderTaskActionTable, taskActionColumns } from '../../printers/task-action-table.js';
import { type GetFlags } from './command.js';
import { type GetTarget, parseGetTarget } from './get-target.js';
import { sharedRunNames } from './shared-run-names.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'] as const;

/** Runs grouped, each in tree order (parents before children), so a listing reads top-down. */
function ordered(actions: TaskAction[]): TaskAction[] {
  const byNamespace = [...actions].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? ''));
  return [...walkActionTrees(buildActionTrees(byNamespace))].map(({ node }) => node.action);
}

/** The runs of the listed actions with all of their actions, read again when the listing holds part of them. */
async function runsOf(client: KubeClient, namespace: string | undefined, actions: TaskAction[], flags: GetFlags, target: GetTarget): Promise<RunSummary[]> {
  if (flags.selector === undefined && flags.fieldSelector === undefined && (target.kind === 'all' || target.kind === 'run')) return summarizeRuns(actions);
  const run = target.kind === 'run' || target.kind === 'action' ? target.run : target.kind === 'object' ? actions[0]?.spec.runName : undefined;
  const actionSelector = flags.selector ?? (target.kind === 'action' ? `${LABEL_ACTION}=${target.action}` : undefined);
  return selectRuns(client, namespace ?? actions[0]?.metadata.namespace, {
    runLabels: runListSelector(run, flags),
    ...(actionSelector !== undefined ? { actionSelector } : {}),
  });
}

function runStatusColumn(runs: readonly RunSummary[]): (action: TaskAction) => string | undefined {
  const byRootUid = new Map(runs.map((run) => [run.root?.metadata.uid, `${run.status.phase} ${run.status.progress}`]));
  byRootUid.delete(undefined);
  return (action) => byRootUid.get(action.metadata.uid);
}

function parseFlags(flags: GetFlags, target: GetTarget) {
  const format = parseOutputFormat(flags.output, FORMATS);
  if (flags.watchOnly) flags.watch = true;
  if (flags.watch && flags.sortBy !== undefined) throw new UserError('--sort-by cannot be combined with -w/--watch: a watch prints objects as they change');
  if (target.kind === 'object' && flags.allNamespaces) {
    // kubectl's rule: a name is looked up in one namespace.
    throw new UserError('a resource cannot be retrieved by name across all namespaces', {}, 'leave out -A, and give -n NAMESPACE if needed');
  }
  return { format, sortBy: parseSortBy(flags.sortBy), labelKeys: labelColumnKeys(flags.labelColumns) };
}

/** The label and field selectors of the target (a name becomes a field selector, so -w can watch it) and the flags. */
function selectors(target: GetTarget, flags: GetFlags): { labelSelector?: string; fieldSelector?: string } {
  const fields = [...(target.kind === 'object' ? [`metadata.name=${target.name}`] : []), ...(flags.fieldSelector ? [flags.fieldSelector] : [])];
  const fieldSelector = fields.length > 0 ? fields.join(',') : undefined;
  if (target.kind === 'object') return { fieldSelector: fieldSelector ?? '' };
  const run = target.kind === 'all' ? undefined : target.run;
  const extra = [...(target.kind === 'action' ? [`${LABEL_ACTION}=${target.action}`] : []), ...(flags.selector ? [flags.selector] : [])];
  const labelSelector = runListSelector(run, flags, extra.length > 0 ? extra.join(',') : undefined);
  return { ...(labelSelector !== undefined ? { labelSelector } : {}), ...(fieldSelector !== undefined ? { fieldSelector } : {}) };
}

/** The addressed TaskAction by name: the server's own NotFound (`taskactions.flyte.org "x" not found`) when absent. */
async function getByName(client: KubeClient, namespace: string, name: string): Promise<TaskAction[]> {
  return [await client.get<TaskAction>(TASKACTIONS, namespace, name)];
}

/** Whether a TaskAction has this name, for a hint after a run name matched nothing. */
async function taskActionExists(client: KubeClient, namespace: string, name: string): Promise<boolean> {
  try {
    await client.get<TaskAction>(TASKACTIONS, namespace, name);
    return true;
  } catch (err) {
    if (isKubeApiError(err)) return false;
    throw err;
  }
}

export async function runGet(io: IOStreams, args: readonly string[], flags: GetFlags): Promise<void> {
  const target = parseGetTarget(args);
  const { format, sortBy, labelKeys } = parseFlags(flags, target);
  const objects = objectPrinting(format);
  const connection = loadConnection(connectionFlags(flags, io.err));
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const client = new HttpKubeClient(connection);
  const noHeaders = flags.headers === false;
  const extraColumns = labelColumns<TaskAction>(labelKeys, flags.showLabels ?? false, objectLabels);
  const arrange = (actions: TaskAction[]) => (sortBy ? sortObjects(ordered(actions), sortBy) : ordered(actions));
  const tableOptions = (actions: readonly TaskAction[], headers = !noHeaders) => ({
    wide: format?.kind === 'builtin' && format.name === 'wide',
    allNamespaces: flags.allNamespaces,
    noHeaders: !headers,
    showScope: sharedRunNames(actions),
    extraColumns,
  });
  const table = (actions: TaskAction[], runs?: RunSummary[], headers = !noHeaders) =>
    renderTaskActionTable(arrange(actions), { ...tableOptions(actions, headers), ...(runs ? { runStatusOf: runStatusColumn(runs) } : {}) });
  const empty = flags.allNamespaces ? 'No resources found' : `No resources found in ${connection.namespace} namespace.`;
  // Whole runs are listed only without selectors and without a single action or object picked out of them.
  const wholeRuns = flags.selector === undefined && flags.fieldSelector === undefined && (target.kind === 'all' || target.kind === 'run');
  try {
    if (flags.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, ...selectors(target, flags) });
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
      if (!isTerminal(io.out)) {
        // As kubectl: one header, then one row per change, so a pipe or a log reads as a history.
        await runWatchRows(io, informer, {
          columns: (actions, all) => taskActionColumns(actions, { ...tableOptions(all), ...(wholeRuns ? { runStatusOf: runStatusColumn(summarizeRuns(all)) } : {}) }),
          order: ordered,
          empty,
          noHeaders,
        });
        return;
      }
      // Live, the run status can only come from the actions watched: shown when they are whole runs.
      await runLiveView(io, informer, (actions) => (actions.length === 0 ? `${empty}\n` : table(actions, wholeRuns ? summarizeRuns(actions) : undefined)));
      return;
    }
    const actions =
      target.kind === 'object' ? await getByName(client, connection.namespace, target.name) : await listTaskActions(client, namespace, selectors(target, flags));
    if (actions.length === 0 && target.kind === 'action') {
      throw new UserError(
        `action "${target.action}" of run "${target.run}" not found in namespace "${connection.namespace}"`,
        {},
        `kubectl kueue get ${target.run} lists the run's actions`,
      );
    }
    if (objects && (objects.kind !== 'custom-columns' || actions.length > 0)) {
      // An addressed object (by name, or RUN ACTION matching one) prints as itself, a listing as a List, as kubectl does.
      io.out.write(renderListing(arrange(actions), objects, { noHeaders, asList: target.kind === 'all' || target.kind === 'run' }));
      return;
    }
    if (actions.length === 0) {
      io.err.write(`${empty}\n`);
      if (target.kind === 'run' && flags.selector === undefined && (await taskActionExists(client, connection.namespace, target.run))) {
        io.err.write(`  hint: no run is named "${target.run}", but a TaskAction is: kubectl kueue get taskaction/${target.run}\n`);
      }
      return;
    }
    io.out.write(table(actions, tableOptions(actions).wide ? await runsOf(client, namespace, actions, flags, target) : undefined));
    await printExecutorNotices(io, client, actions);
  } finally {
    client.close();
  }
}
