import { UserError } from '../../shared/errors/user-error.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { Informer } from '../../shared/kube/informer.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { buildActionTrees, walkActionTrees } from '../../shared/queue/action-tree.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { type GetOptions } from '../commands/get.js';
import { connectionFlags } from '../connection-options.js';
import { runLiveView } from '../live-view.js';
import { renderObjects } from '../printers/object-output.js';
import { renderTaskActionTable } from '../printers/task-action-table.js';
import { runListSelector } from '../run-selector-flags.js';

const FORMATS = ['wide', 'yaml', 'json', 'name'];

/** Runs grouped, each in tree order (parents before children), so a listing reads top-down. */
function ordered(actions: TaskAction[]): TaskAction[] {
  const byNamespace = [...actions].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? ''));
  return [...walkActionTrees(buildActionTrees(byNamespace))].map(({ node }) => node.action);
}

export async function runGet(run: string | undefined, options: GetOptions): Promise<void> {
  if (options.output !== undefined && !FORMATS.includes(options.output)) {
    throw new UserError(`--output must be one of ${FORMATS.join('|')}, got "${options.output}"`);
  }
  if (options.watch && options.output && options.output !== 'wide') {
    throw new UserError('--watch shows a table; it cannot be combined with -o yaml|json|name');
  }
  const connection = loadConnection(connectionFlags(options));
  const namespace = options.allNamespaces ? undefined : connection.namespace;
  const labelSelector = runListSelector(run, options, options.selector);
  const client = new HttpKubeClient(connection);
  const table = (actions: TaskAction[]) =>
    renderTaskActionTable(ordered(actions), { wide: options.output === 'wide', allNamespaces: options.allNamespaces, noHeaders: options.headers === false });
  const empty = options.allNamespaces ? 'No resources found' : `No resources found in ${connection.namespace} namespace.`;
  try {
    if (options.watch) {
      const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
      await runLiveView(informer, (actions) => (actions.length === 0 ? `${empty}\n` : table(actions)));
      return;
    }
    const actions = await listTaskActions(client, namespace, { labelSelector });
    if (options.output === 'yaml' || options.output === 'json' || options.output === 'name') {
      process.stdout.write(renderObjects(ordered(actions), options.output, { alwaysList: true }));
      return;
    }
    if (actions.length === 0) {
      process.stderr.write(`${empty}\n`);
      return;
    }
    process.stdout.write(table(actions));
  } finally {
    client.close();
  }
}
