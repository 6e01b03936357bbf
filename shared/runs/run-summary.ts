import { type KubeClient } from '../kube/index.js';
import { listTaskActions } from '../queue/index.js';
import { LABEL_DOMAIN, LABEL_IS_ROOT, LABEL_ORG, LABEL_PROJECT, LABEL_RUN, type TaskAction } from '../task-action/index.js';
import { type RunPhase, type RunStatus, runStatus } from './run-status.js';

/** One run: its actions (root first) and the status derived from all of them. */
export interface RunSummary {
  namespace: string;
  runName: string;
  org?: string;
  project?: string;
  domain?: string;
  /** The root action, when it still exists (an orphaned subtree has none). */
  root?: TaskAction;
  actions: TaskAction[];
  status: RunStatus;
  /** When the run was enqueued: its root's creation, else its oldest action's. */
  createdAt?: string;
}

/**
 * The key a run is grouped by. Runs are identified by their labels (Flyte's queue writes them on every action,
 * and its newer shape drops `org`, so org is not part of the key); an action without a run label is a run of
 * its own, keyed by its name.
 */
export function runKeyOf(action: TaskAction): string {
  const labels = action.metadata.labels ?? {};
  const run = labels[LABEL_RUN];
  const namespace = action.metadata.namespace ?? '';
  if (run === undefined) return `${namespace}/${action.metadata.name ?? ''}`;
  return `${namespace}/${labels[LABEL_PROJECT] ?? ''}/${labels[LABEL_DOMAIN] ?? ''}/${run}`;
}

function isRoot(action: TaskAction, uids: ReadonlySet<string>): boolean {
  const label = action.metadata.labels?.[LABEL_IS_ROOT];
  if (label !== undefined) return label === 'true';
  return !(action.metadata.ownerReferences ?? []).some((owner) => owner.kind === 'TaskAction' && uids.has(owner.uid));
}

function summaryOf(actions: TaskAction[]): RunSummary {
  const uids = new Set(actions.map((a) => a.metadata.uid ?? ''));
  const root = actions.find((a) => isRoot(a, uids));
  const first = root ?? actions[0];
  // Groups are made from the actions themselves, so none is empty.
  if (first === undefined) throw new Error('a run without actions cannot be summarized');
  const labels = first.metadata.labels ?? {};
  const created = actions.map((a) => a.metadata.creationTimestamp).filter((t): t is string => t !== undefined).sort()[0];
  return {
    namespace: first.metadata.namespace ?? '',
    runName: labels[LABEL_RUN] ?? first.metadata.name ?? '',
    org: labels[LABEL_ORG],
    project: labels[LABEL_PROJECT],
    domain: labels[LABEL_DOMAIN],
    root,
    actions: root ? [root, ...actions.filter((a) => a !== root)] : actions,
    status: runStatus(actions),
    createdAt: root?.metadata.creationTimestamp ?? created,
  };
}

/** Groups actions into runs, newest run first (then by namespace and name, so equal times keep one order). */
export function summarizeRuns(actions: readonly TaskAction[]): RunSummary[] {
  const groups = new Map<string, TaskAction[]>();
  for (const action of actions) {
    const key = runKeyOf(action);
    const group = groups.get(key);
    if (group) group.push(action);
    else groups.set(key, [action]);
  }
  return [...groups.values()]
    .map(summaryOf)
    .sort(
      (a, b) =>
        (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.namespace.localeCompare(b.namespace) || a.runName.localeCompare(b.runName),
    );
}

export interface RunFilter {
  /** Keep runs in one of these phases. */
  phases?: readonly RunPhase[];
  /** Keep runs enqueued at or after this time. */
  since?: Date;
}

export function filterRuns(runs: readonly RunSummary[], filter: RunFilter): RunSummary[] {
  return runs.filter((run) => {
    if (filter.phases && !filter.phases.includes(run.status.phase)) return false;
    if (filter.since && (run.createdAt === undefined || Date.parse(run.createdAt) < filter.since.getTime())) return false;
    return true;
  });
}

/** Every run in a namespace (undefined = all namespaces), read in pages. */
export async function listRuns(client: KubeClient, namespace: string | undefined, options: { labelSelector?: string } = {}): Promise<RunSummary[]> {
  return summarizeRuns(await listTaskActions(client, namespace, options));
}
