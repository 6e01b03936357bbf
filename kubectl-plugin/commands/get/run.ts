import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, type KubeClient, loadConnection } from '../../../shared/kube/index.js';
import { buildActionTrees, listTaskActions, walkActionTrees } from '../../../shared/queue/index.js';
import { type RunSummary, selectRuns, summarizeRuns } from '../../../shared/runs/index.js';
import { type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { printExecutorNotices, printExecutorNoticesOnceSynced } from '../../cli/executor-notice.js';
import { type IOStreams, isTerminal } from '../../cli/io-streams.js';
import { runLiveView } from '../../cli/live-view.js';
import { runWatchRows } from '../../cli/watch-rows.js';
import { connectionFlags } from '../../flags/connection-flags.js';
import { runListSelector } from '../../flags/run-selector.js';
import { renderObjects } from '../../printers/object-output.js';
import { renderTaskActionTable, taskActionColumns } from '../../printers/task-action-table.js';
import { type GetFlags } from './command.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'];

/** Runs grouped, each in tree order (parents before children), so a listing reads top-down. */
function ordered(actions: TaskAction[]): TaskAction[] {
  const byNamespace = [...actions].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? ''));
  return [...walkActionTrees(buildActionTrees(byNamespace))].map(({ node }) => node.action);
}

/** The runs of the listed actions with all of their actions, read again only when `-l` listed part of them. */
async function runsOf(client: KubeClient, namespace: string | undefined, actions: TaskAction[], flags: GetFlags): Promise<RunSummary[]> {
  if (flags.selector === undefined) return summarizeRuns(actions);
  return selectRuns(client, namespace, { runLabels: runListSelector(undefined, flags), actionSelector: flags.selector });
}

function runStatusColumn(runs: readonly RunSummary[]): (action: TaskAction) => string | undefined {
  const byRootUid = new Map(runs.map((run) => [run.root?.metadata.uid, `${run.status.phase} ${run.status.progress}`]));
  byRootUid.delete(undefined);
  return (action) => byRootUid.get(action.metadata.uid);
}

function validate(flags: GetFlags): void {
  if (flags.output !== undefined && !FORMATS.includes(flags.output)) {
    throw new UserError(`--output must be one of ${FORMATS.join('|')}, got "${flags.output}"`);
  }
  if (flags.watch && flags.output && flags.output !== 'wide') {
    throw new UserError('--watch shows a table; it cannot be combined with -o yaml|json|name');
  }
}

export async function runGet(io: IOStreams, run: string | undefined, flags: GetFlags): Promise<void> {
  validate(flags);
  const connection = loadConnection(connectionFlags(flags, io.err));
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const labelSelector = runListSelector(run, flags, flags.selector);
  const client = new HttpKubeClient(connection);
  const tableOptions = { wide: flags.output === 'wide', allNamespaces: flags.allNamespaces, noHeaders: flags.headers === false };
  const table = (actions: TaskAction[], runs?: RunSummary[]) =>
    renderTaskActionTable(ordered(actions), { ...tableOptions, ...(runs ? { runStatusOf: runStatusColumn(runs) } : {}) });
  const empty = flags.allNamespaces ? 'No resources found' : `No resources found in ${connection.namespace} namespace.`;
  try {
    if (flags.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
      printExecutorNoticesOnceSynced(io, client, informer);
      if (!isTerminal(io.out)) {
        // As kubectl: one header, then one row per change, so a pipe or a log reads as a history.
        await runWatchRows(io, informer, {
          columns: (actions, all) => taskActionColumns(actions, { ...tableOptions, ...(flags.selector === undefined ? { runStatusOf: runStatusColumn(summarizeRuns(all)) } : {}) }),
          order: ordered,
          empty,
          noHeaders: flags.headers === false,
        });
        return;
      }
      // Live, the run status can only come from the actions watched: shown when they are whole runs (no -l).
      await runLiveView(io, informer, (actions) =>
        actions.length === 0 ? `${empty}\n` : table(actions, flags.selector === undefined ? summarizeRuns(actions) : undefined),
      );
      return;
    }
    const actions = await listTaskActions(client, namespace, { labelSelector });
    if (flags.output === 'yaml' || flags.output === 'json' || flags.output === 'name') {
      io.out.write(renderObjects(ordered(actions), flags.output, { alwaysList: true }));
      return;
    }
    if (actions.length === 0) {
      io.err.write(`${empty}\n`);
      return;
    }
    io.out.write(table(actions, flags.output === 'wide' ? await runsOf(client, namespace, actions, flags) : undefined));
    await printExecutorNotices(io, client, actions);
  } finally {
    client.close();
  }
}
