import { UserError } from '../../shared/errors/user-error.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { Informer } from '../../shared/kube/informer.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { buildActionTrees } from '../../shared/queue/action-tree.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { type TreeOptions } from '../commands/tree.js';
import { connectionFlags } from '../connection-options.js';
import { runLiveView } from '../live-view.js';
import { renderActionTree } from '../printers/action-tree-view.js';
import { type TerminalStyle, terminalStyle } from '../printers/terminal-style.js';
import { runListSelector } from '../run-selector-flags.js';

function render(run: string, namespace: string, actions: TaskAction[], style: TerminalStyle): string {
  if (actions.length === 0) return `No run "${run}" in namespace "${namespace}" (yet).\n`;
  const trees = buildActionTrees(actions);
  return trees
    .map((root) => {
      const s = root.action.spec;
      const header = `Run ${s.runName}   ${[s.org, s.project, s.domain].filter(Boolean).join('/')}   namespace ${root.action.metadata.namespace ?? namespace}   ${countActions(root)} action(s)\n`;
      return header + renderActionTree([root], style);
    })
    .join('\n');
}

function countActions(node: { children: unknown[] }): number {
  return 1 + (node.children as { children: unknown[] }[]).reduce((n, c) => n + countActions(c), 0);
}

export async function runTree(run: string, options: TreeOptions): Promise<void> {
  const connection = loadConnection(connectionFlags(options));
  const namespace = connection.namespace;
  const labelSelector = runListSelector(run, options);
  const style = terminalStyle(options);
  const client = new HttpKubeClient(connection);
  try {
    if (options.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
      await runLiveView(informer, (actions) => render(run, namespace, actions, style));
      return;
    }
    const actions = await listTaskActions(client, namespace, { labelSelector });
    if (actions.length === 0) {
      throw new UserError(`run "${run}" not found in namespace "${namespace}"`, {}, 'list runs with: kubectl kueue get -l flyte.org/is-root=true');
    }
    process.stdout.write(render(run, namespace, actions, style));
  } finally {
    client.close();
  }
}
