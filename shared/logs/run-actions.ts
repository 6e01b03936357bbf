import { UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { buildActionTrees, listTaskActions } from '../queue/index.js';
import { ACTION_TYPE_CONDITION, LABEL_ACTION_TYPE, type TaskAction } from '../task-action/index.js';
import { type LogRequest } from './log-request.js';

/** A condition action waits for a signal without a Pod: it never has a log. */
export function isConditionAction(action: TaskAction): boolean {
  return action.spec.actionType === ACTION_TYPE_CONDITION || action.metadata.labels?.[LABEL_ACTION_TYPE] === ACTION_TYPE_CONDITION;
}

/** Parents before children, siblings by name: the order a run's logs are printed in. */
export function inTreeOrder(actions: readonly TaskAction[]): TaskAction[] {
  const ordered: TaskAction[] = [];
  const visit = (nodes: ReturnType<typeof buildActionTrees>) => {
    for (const node of [...nodes].sort((a, b) => a.action.spec.actionName.localeCompare(b.action.spec.actionName))) {
      ordered.push(node.action);
      visit(node.children);
    }
  };
  visit(buildActionTrees(actions));
  return ordered;
}

/** Which run: its name in a namespace, and the label selector of its TaskActions. */
export type RunTarget = Pick<LogRequest, 'namespace' | 'runName' | 'runSelector'>;

/** The run's actions; an error naming the run when it has none, or when the name means runs of several projects. */
export async function runActions(client: KubeClient, request: RunTarget): Promise<TaskAction[]> {
  const actions = (await listTaskActions(client, request.namespace, { labelSelector: request.runSelector })).filter((a) => !a.metadata.deletionTimestamp);
  if (actions.length === 0) {
    throw new UserError(`run "${request.runName}" not found in namespace "${request.namespace}"`, {}, 'list runs with: kubectl kueue get -l flyte.org/is-root=true');
  }
  const scopes = [...new Set(actions.map((a) => `${a.spec.project}/${a.spec.domain}`))];
  if (scopes.length > 1) {
    throw new UserError(`run "${request.runName}" exists in several projects/domains: ${scopes.join(', ')}`, {}, 'choose one with --project and --domain');
  }
  return actions;
}

/** The named action of the run, or an error listing the run's actions. */
export function findRunAction(actions: readonly TaskAction[], request: { runName: string; action: string }): TaskAction {
  const found = actions.find((a) => a.spec.actionName === request.action);
  if (found === undefined) {
    throw new UserError(
      `run "${request.runName}" has no action "${request.action}"`,
      { field: 'ACTION' },
      `its actions: ${inTreeOrder(actions).map((a) => a.spec.actionName).join(', ')}`,
    );
  }
  return found;
}

/** The named action of the run whose logs are asked for: a condition action is refused, as it never has a Pod. */
export function namedAction(actions: readonly TaskAction[], request: { runName: string; action: string }): TaskAction {
  const found = findRunAction(actions, request);
  if (isConditionAction(found)) {
    throw new UserError(`action "${request.action}" of run "${request.runName}" is a condition: it waits for a signal without a Pod, so it has no logs`, {
      field: 'ACTION',
    });
  }
  return found;
}
