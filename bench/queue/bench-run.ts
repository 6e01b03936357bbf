import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { buildTaskAction } from '../../shared/task-action/build-task-action.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { type RunSelectorParts } from '../../shared/task-action/labels.js';
import { type RawKubeClient, forEachLimited } from './raw-kube-client.js';

export const BENCH_RUN_SCOPE = { org: 'bench', project: 'queue', domain: 'development' } as const;

/**
 * A run shaped like the issue asks: depth 3, one root, `children` actions below it and every other action a
 * grandchild, spread round-robin over the children. All actions share one small container template, the usual
 * case of a fan-out.
 */
export function benchRunActions(runName: string, total: number, children: number): ActionDescription[] {
  const taskTemplate = containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'echo "$0"'], args: ['bench'] });
  const base = { ...BENCH_RUN_SCOPE, runName, taskTemplate };
  const actions: ActionDescription[] = [{ ...base, actionName: 'root' }];
  for (let i = 0; i < children; i++) actions.push({ ...base, actionName: `c${i}`, parentActionName: 'root' });
  for (let i = 0; i < total - 1 - children; i++) actions.push({ ...base, actionName: `g${i}`, parentActionName: `c${i % children}` });
  return actions;
}

export function benchRunSelector(runName: string): RunSelectorParts {
  return { ...BENCH_RUN_SCOPE, runName };
}

interface PreparedObject {
  body: TaskAction;
  /** CR name of the parent, whose uid is only known once it has been created. */
  parentName?: string;
}

/**
 * The raw client's objects: the very bodies `enqueueActions` sends (built by the same function), grouped by
 * depth, prepared before the clock starts. Only the parent's uid is filled in while creating.
 */
export function prepareRawObjects(actions: readonly ActionDescription[], namespace: string): PreparedObject[][] {
  const depth = new Map<string, number>();
  const levels: PreparedObject[][] = [];
  for (const action of actions) {
    const parentName = action.parentActionName === undefined ? undefined : taskActionName({ ...action, actionName: action.parentActionName });
    const level = parentName === undefined ? 0 : (depth.get(parentName) ?? Number.NaN) + 1;
    if (Number.isNaN(level)) throw new Error(`bench actions must list parents first (${action.actionName})`);
    const body = buildTaskAction({ ...action, namespace }, parentName === undefined ? undefined : { name: parentName, uid: 'pending' });
    depth.set(body.metadata.name ?? '', level);
    (levels[level] ??= []).push(parentName === undefined ? { body } : { body, parentName });
  }
  return levels;
}

/** Creates prepared objects level by level, parents first, `concurrency` requests in flight. */
export async function createRawObjects(raw: RawKubeClient, namespace: string, levels: readonly PreparedObject[][], concurrency: number): Promise<void> {
  const path = `/apis/flyte.org/v1/namespaces/${namespace}/taskactions`;
  const uids = new Map<string, string>();
  for (const level of levels) {
    await forEachLimited(level, concurrency, async ({ body, parentName }) => {
      const owner = body.metadata.ownerReferences?.[0];
      if (owner && parentName !== undefined) owner.uid = uids.get(parentName) ?? '';
      const created = await raw.json<TaskAction>('POST', path, body);
      uids.set(created.metadata.name ?? '', created.metadata.uid ?? '');
    });
  }
}
