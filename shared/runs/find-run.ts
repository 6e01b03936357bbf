import { UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { listTaskActions } from '../queue/index.js';
import { LABEL_DOMAIN, LABEL_ORG, LABEL_PROJECT, LABEL_RUN, type TaskAction } from '../task-action/index.js';
import { type RunSummary, summarizeRuns } from './run-summary.js';

/** Narrows which run a name means when several projects or domains have one of that name. */
export interface RunNarrowing {
  org?: string;
  project?: string;
  domain?: string;
}

/**
 * The run of that name in a namespace, with all its actions. A name matches in any project and domain unless
 * narrowed; a name two runs share is an error naming them, so an operation never picks one silently.
 */
export async function findRun(client: KubeClient, namespace: string, runName: string, narrowing: RunNarrowing = {}): Promise<RunSummary> {
  const selector = [
    ...(narrowing.org !== undefined ? [`${LABEL_ORG}=${narrowing.org}`] : []),
    ...(narrowing.project !== undefined ? [`${LABEL_PROJECT}=${narrowing.project}`] : []),
    ...(narrowing.domain !== undefined ? [`${LABEL_DOMAIN}=${narrowing.domain}`] : []),
    `${LABEL_RUN}=${runName}`,
  ].join(',');
  const runs = summarizeRuns(await listTaskActions(client, namespace, { labelSelector: selector }));
  const [run, ...others] = runs;
  if (run === undefined) {
    throw new UserError(`run "${runName}" not found in namespace "${namespace}"`, { object: `run/${runName}` }, 'check the name and the namespace (-n); kubectl kueue get lists the runs');
  }
  if (others.length > 0) {
    throw new UserError(
      `${runs.length} runs are named "${runName}" in namespace "${namespace}": ${runs.map((r) => `${r.project ?? '?'}/${r.domain ?? '?'}`).join(', ')} (project/domain)`,
      { object: `run/${runName}` },
      'choose one with --project and --domain',
    );
  }
  return run;
}

/** An action of a run and everything below it (by `spec.parentActionName`), the action first. */
export function actionSubtree(run: RunSummary, actionName: string): TaskAction[] {
  const top = run.actions.find((action) => action.spec.actionName === actionName);
  if (top === undefined) {
    throw new UserError(
      `action "${actionName}" not found in run "${run.runName}"`,
      { object: `run/${run.runName}`, field: 'ACTION' },
      `the run's actions: ${run.actions.map((a) => a.spec.actionName).join(', ')}`,
    );
  }
  const subtree = [top];
  for (let i = 0; i < subtree.length; i++) {
    const parent = (subtree[i] as TaskAction).spec.actionName;
    subtree.push(...run.actions.filter((action) => action.spec.parentActionName === parent && !subtree.includes(action)));
  }
  return subtree;
}
