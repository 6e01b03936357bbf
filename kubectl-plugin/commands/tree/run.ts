import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, loadConnection } from '../../../shared/kube/index.js';
import { buildActionTrees, listTaskActions, walkActionTrees } from '../../../shared/queue/index.js';
import { type RunSummary, runKeyOf, runStatus, runWaitingReason, summarizeRuns } from '../../../shared/runs/index.js';
import { type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { printExecutorNotices, printExecutorNoticesOnceSynced } from '../../cli/executor-notice.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { runLiveView } from '../../cli/live-view.js';
import { WaitExit } from '../../cli/run-wait.js';
import { SilentExit } from '../../cli/silent-exit.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { runListSelector } from '../../flags/run-selector.js';
import { renderActionTree } from '../../printers/action-tree-view.js';
import { renderRunHeader } from '../../printers/run-header.js';
import { type TerminalStyle, terminalStyle } from '../../printers/terminal-style.js';
import { type TreeFlags } from './command.js';

function render(run: string, namespace: string, actions: TaskAction[], style: TerminalStyle): string {
  if (actions.length === 0) return `No run "${run}" in namespace "${namespace}" (yet).\n`;
  const now = Date.now();
  // The header shows the run's status from all of its actions, so a failed child is never hidden by its root.
  const runs = new Map<string, RunSummary>();
  for (const summary of summarizeRuns(actions)) for (const action of summary.actions) runs.set(runKeyOf(action), summary);
  return buildActionTrees(actions)
    .map((root) => {
      const summary = runs.get(runKeyOf(root.action));
      const waiting = runWaitingReason([...walkActionTrees([root])].map(({ node }) => node.action));
      const header = summary ? renderRunHeader(summary, style, now, waiting) : `Run ${root.action.spec.runName}`;
      return `${header}\n${renderActionTree([root], style, now)}`;
    })
    .join('\n');
}

/** A live tree ends once every run it shows is finished (a run not created yet keeps it waiting). */
function runsFinished(actions: TaskAction[]): boolean {
  return actions.length > 0 && runStatus(actions).finished;
}

/** `wait`'s exit codes: 0 when every run shown succeeded, 1 when one failed or was aborted. */
function runsExitCode(actions: TaskAction[]): number {
  return summarizeRuns(actions).every((summary) => summary.status.phase === 'Succeeded') ? WaitExit.Succeeded : WaitExit.Failed;
}

export async function runTree(io: IOStreams, run: string, flags: TreeFlags): Promise<void> {
  const connection = loadConnection(connectionFlags(flags, io.err));
  const namespace = connection.namespace;
  const labelSelector = runListSelector(run, flags);
  const style = terminalStyle(flags, io.out);
  const client = new HttpKubeClient(connection);
  try {
    if (flags.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
      printExecutorNoticesOnceSynced(io, client, informer);
      const end = await runLiveView(io, informer, (actions) => render(run, namespace, actions, style), { done: runsFinished });
      if (end.reason === 'done') {
        const code = runsExitCode(end.objects);
        if (code !== WaitExit.Succeeded) throw new SilentExit(code);
      }
      return;
    }
    const actions = await listTaskActions(client, namespace, { labelSelector });
    if (actions.length === 0) {
      throw new UserError(`run "${run}" not found in namespace "${namespace}"`, {}, 'list runs with: kubectl kueue list');
    }
    io.out.write(render(run, namespace, actions, style));
    await printExecutorNotices(io, client, actions);
  } finally {
    client.close();
  }
}
