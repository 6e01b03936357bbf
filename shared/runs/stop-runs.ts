import { isKubeApiError, UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { actionSubtree, listTaskActions } from '../queue/index.js';
import { ANNOTATION_STOP, formatKubeTime, isTerminal, stopRequestedAt, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { type WatchActionsOptions, watchActionsUntil } from './actions-watch.js';
import { type RunRef, runRefSelector } from './run-ref.js';
import { type RunSummary, runKeyOf, summarizeRuns } from './run-summary.js';

export interface StopResult {
  /** The run, as it was before the stop. */
  run: RunSummary;
  /** Names of the TaskActions asked to stop (including those asked before and not yet stopped). */
  stopped: string[];
  /** Actions of the selection that had already finished: they keep their outcome. */
  finished: number;
}

/** An action the executor still has to stop: not finished and not being deleted. */
function stoppable(action: TaskAction): boolean {
  return !isTerminal(action) && action.metadata.deletionTimestamp === undefined;
}

/** Marks each unfinished action with the stop annotation; the executor does the rest. */
async function markStopped(client: KubeClient, run: RunSummary, selection: readonly TaskAction[], now: Date): Promise<StopResult> {
  const stopped: string[] = [];
  const time = formatKubeTime(now);
  for (const action of selection.filter(stoppable)) {
    const name = action.metadata.name ?? '';
    if (stopRequestedAt(action) === undefined) {
      try {
        await client.patch(TASKACTIONS, action.metadata.namespace, name, { metadata: { annotations: { [ANNOTATION_STOP]: time } } }, 'merge', { fieldValidation: 'Strict' });
      } catch (err) {
        // Deleted meanwhile: nothing left to stop.
        if (isKubeApiError(err) && err.code === 404) continue;
        throw err;
      }
    }
    stopped.push(name);
  }
  return { run, stopped, finished: selection.filter((action) => !stoppable(action)).length };
}

/**
 * Stops a run, or with `actionName` one action and everything below it: every unfinished action is marked with
 * `kueue.dev/stop`, and the executor aborts what runs for it and records it Aborted. Nothing is deleted, so the
 * history stays visible. Finished actions keep their outcome.
 */
export async function stopRun(client: KubeClient, ref: RunRef, actionName?: string, options: { now?: Date } = {}): Promise<StopResult> {
  const runs = summarizeRuns(await listTaskActions(client, ref.namespace, { labelSelector: runRefSelector(ref) }));
  const run = runs[0];
  if (run === undefined) {
    throw new UserError(`run "${ref.runName}" not found in namespace "${ref.namespace}"`, {}, 'check the name and namespace; kubectl kueue get -l flyte.org/is-root=true lists the runs');
  }
  if (runs.length > 1) {
    const where = runs.map((r) => `${r.project ?? '?'}/${r.domain ?? '?'}`).join(', ');
    throw new UserError(`run "${ref.runName}" in namespace "${ref.namespace}" is ambiguous: it exists in ${where}`, {}, 'give --project and --domain to choose one');
  }
  let selection = run.actions;
  if (actionName !== undefined) {
    const action = run.actions.find((a) => a.spec.actionName === actionName);
    if (action === undefined) {
      const names = run.actions.map((a) => a.spec.actionName).join(', ');
      throw new UserError(`action "${actionName}" not found in run "${ref.runName}" (namespace "${ref.namespace}")`, {}, `the run's actions are: ${names}`);
    }
    selection = actionSubtree(action, run.actions);
  }
  return markStopped(client, run, selection, options.now ?? new Date());
}

/**
 * Stops many runs: those with an action matching `labelSelector` (every run when undefined), in one namespace or
 * all (undefined). Runs that are already finished are left out.
 */
export async function stopRuns(client: KubeClient, namespace: string | undefined, labelSelector: string | undefined, options: { now?: Date } = {}): Promise<StopResult[]> {
  const all = await listTaskActions(client, namespace);
  const chosen = labelSelector === undefined ? undefined : new Set((await listTaskActions(client, namespace, { labelSelector })).map(runKeyOf));
  const now = options.now ?? new Date();
  const results: StopResult[] = [];
  for (const run of summarizeRuns(all)) {
    const first = run.actions[0];
    if (first === undefined || run.status.finished || (chosen !== undefined && !chosen.has(runKeyOf(first)))) continue;
    results.push(await markStopped(client, run, run.actions, now));
  }
  return results;
}

/**
 * Waits until every action the stops asked for is finished (Aborted, or it ended by itself first) or gone.
 * True when they are, false when the wait timed out.
 */
export async function waitUntilStopped(client: KubeClient, results: readonly StopResult[], options: WatchActionsOptions = {}): Promise<boolean> {
  const waits = results
    .filter((result) => result.stopped.length > 0)
    .map((result) => {
      const names = new Set(result.stopped);
      const ref: RunRef = { namespace: result.run.namespace, runName: result.run.runName, ...(result.run.project !== undefined ? { project: result.run.project } : {}), ...(result.run.domain !== undefined ? { domain: result.run.domain } : {}) };
      return watchActionsUntil(
        client,
        result.run.namespace,
        runRefSelector(ref),
        (actions) => (actions.some((action) => names.has(action.metadata.name ?? '') && !isTerminal(action)) ? undefined : true),
        options,
      );
    });
  const outcomes = await Promise.all(waits);
  return outcomes.every((outcome) => outcome.kind === 'decided');
}
