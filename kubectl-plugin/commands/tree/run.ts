import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, loadConnection } from '../../../shared/kube/index.js';
import { type ActionTreeNode, buildActionTrees, listTaskActions } from '../../../shared/queue/index.js';
import { actionOrg, type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { printExecutorNotices, printExecutorNoticesOnceSynced } from '../../cli/executor-notice.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { runLiveView } from '../../cli/live-view.js';
import { connectionFlags } from '../../flags/connection-flags.js';
import { runListSelector } from '../../flags/run-selector.js';
import { renderActionTree } from '../../printers/action-tree-view.js';
import { type TerminalStyle, terminalStyle } from '../../printers/terminal-style.js';
import { type TreeFlags } from './command.js';

function render(run: string, namespace: string, actions: TaskAction[], style: TerminalStyle): string {
  if (actions.length === 0) return `No run "${run}" in namespace "${namespace}" (yet).\n`;
  return buildActionTrees(actions)
    .map((root) => {
      const s = root.action.spec;
      const header = `Run ${s.runName}   ${[actionOrg(root.action), s.project, s.domain].filter(Boolean).join('/')}   namespace ${root.action.metadata.namespace ?? namespace}   ${countActions(root)} action(s)\n`;
      return header + renderActionTree([root], style);
    })
    .join('\n');
}

function countActions(node: ActionTreeNode): number {
  return 1 + node.children.reduce((n, child) => n + countActions(child), 0);
}

export async function runTree(io: IOStreams, run: string, flags: TreeFlags): Promise<void> {
  const connection = loadConnection(connectionFlags(flags));
  const namespace = connection.namespace;
  const labelSelector = runListSelector(run, flags);
  const style = terminalStyle(flags, io.out);
  const client = new HttpKubeClient(connection);
  try {
    if (flags.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
      printExecutorNoticesOnceSynced(io, client, informer);
      await runLiveView(io, informer, (actions) => render(run, namespace, actions, style));
      return;
    }
    const actions = await listTaskActions(client, namespace, { labelSelector });
    if (actions.length === 0) {
      throw new UserError(`run "${run}" not found in namespace "${namespace}"`, {}, 'list runs with: kubectl kueue get -l flyte.org/is-root=true');
    }
    io.out.write(render(run, namespace, actions, style));
    await printExecutorNotices(io, client, actions);
  } finally {
    client.close();
  }
}
