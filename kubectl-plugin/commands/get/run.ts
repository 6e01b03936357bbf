import { UserError, isKubeApiError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, type KubeClient, loadConnection } from '../../../shared/kube/index.js';
import { buildActionTrees, listTaskActions, walkActionTrees } from '../../../shared/queue/index.js';
import { type RunSummary, selectRuns, summarizeRuns } from '../../../shared/runs/index.js';
import { LABEL_ACTION, type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { printExecutorNotices, printExecutorNoticesOnceSynced } from '../../cli/executor-notice.js';
import { type IOStreams, isTerminal } from '../../cli/io-streams.js';
import { runLiveView } from '../../cli/live-view.js';
import { runWatchRows } from '../../cli/watch-rows.js';
import { connectionFlags } from '../../flags/connection-flags.js';
import { runListSelector } from '../../flags/run-selector.js';
import { renderObjects } from '../../printers/object-output.js';
import { renderTaskActionTable, taskActionColumns } from '../../printers/task-action-table.js';
import { type GetFlags } from './command.js';
import { type GetTarget, parseGetTarget } from './get-target.js';
import { sharedRunNames } from './shared-run-names.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'];

/** Runs grouped, each in tree order (parents before children), so a listing reads top-down. */
function ordered(actions: TaskAction[]): TaskAction[] {
  const byNamespace = [...actions].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? ''));
  return [...walkActionTrees(buildActionTrees(byNamespace))].map(({ node }) => node.action);
}

/** The runs of the listed actions with all of their actions, read again when the listing holds part of them. */
async function runsOf(client: KubeClient, namespace: string | undefined, actions: TaskAction[], flags: GetFlags, target: GetTarget): Promise<RunSummary[]> {
  if (flags.selector === undefined && (target.kind === 'all' || target.kind === 'run')) return summarizeRuns(actions);
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

function validate(flags: GetFlags, target: GetTarget): void {
  if (flags.output !== undefined && !FORMATS.includes(flags.output)) {
    throw new UserError(`--output must be one of ${FORMATS.join('|')}, got "${flags.output}"`);
  }
  if (flags.watch && flags.output && flags.output !== 'wide') {
    throw new UserError('--watch shows a table; it cannot be combined with -o yaml|json|name');
  }
  if (target.kind === 'object' && flags.allNamespaces) {
    // kubectl's rule: a name is looked up in one namespace.
    throw new UserError('a resource cannot be retrieved by name across all namespaces', {}, 'leave out -A, and give -n NAMESPACE if needed');
  }
}

/** The label and field selectors of the target (a name becomes a field selector, so -w can watch it). */
function selectors(target: GetTarget, flags: GetFlags): { labelSelector?: string; fieldSelector?: string } {
  if (target.kind === 'object') return { fieldSelector: `metadata.name=${target.name}` };
  const run = target.kind === 'all' ? undefined : target.run;
  const extra = [...(target.kind === 'action' ? [`${LABEL_ACTION}=${target.action}`] : []), ...(flags.selector ? [flags.selector] : [])];
  const labelSelector = runListSelector(run, flags, extra.length > 0 ? extra.join(',') : undefined);
  return labelSelector === undefined ? {} : { labelSelector };
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
  validate(flags, target);
  const connection = loadConnection(connectionFlags(flags, io.err));
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const client = new HttpKubeClient(connection);
  const tableOptions = (actions: readonly TaskAction[]) => ({
    wide: flags.output === 'wide',
    allNamespaces: flags.allNamespaces,
    noHeaders: flags.headers === false,
    showScope: sharedRunNames(actions),
  });
  const table = (actions: TaskAction[], runs?: RunSummary[]) =>
    renderTaskActionTable(ordered(actions), { ...tableOptions(actions), ...(runs ? { runStatusOf: runStatusColumn(runs) } : {}) });
  const empty = flags.allNamespaces ? 'No resources found' : `No resources found in ${connection.namespace} namespace.`;
  // Whole runs are listed only without -l and without a single action or object picked out of them.
  const wholeRuns = flags.selector === undefined && (target.kind === 'all' || target.kind === 'run');
  try {
    if (flags.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, ...selectors(target, flags) });
      printExecutorNoticesOnceSynced(io, client, informer);
      if (!isTerminal(io.out)) {
        // As kubectl: one header, then one row per change, so a pipe or a log reads as a history.
        await runWatchRows(io, informer, {
          columns: (actions, all) => taskActionColumns(actions, { ...tableOptions(all), ...(wholeRuns ? { runStatusOf: runStatusColumn(summarizeRuns(all)) } : {}) }),
          order: ordered,
          empty,
          noHeaders: flags.headers === false,
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
    if (flags.output === 'yaml' || flags.output === 'json' || flags.output === 'name') {
      // An addressed object (by name, or RUN ACTION matching one) prints as itself, a listing as a List, as kubectl does.
      io.out.write(renderObjects(ordered(actions), flags.output, { alwaysList: target.kind === 'all' || target.kind === 'run' }));
      return;
    }
    if (actions.length === 0) {
      io.err.write(`${empty}\n`);
      if (target.kind === 'run' && flags.selector === undefined && (await taskActionExists(client, connection.namespace, target.run))) {
        io.err.write(`  hint: no run is named "${target.run}", but a TaskAction is: kubectl kueue get taskaction/${target.run}\n`);
      }
      return;
    }
    io.out.write(table(actions, flags.output === 'wide' ? await runsOf(client, namespace, actions, flags, target) : undefined));
    await printExecutorNotices(io, client, actions);
  } finally {
    client.close();
  }
}
