import { UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { type TaskAction } from '../task-action/index.js';
import { type WatchActionsOptions, watchActionsUntil } from './actions-watch.js';
import { type RunRef, runRefSelector } from './run-ref.js';
import { type RunSummary, summarizeRuns } from './run-summary.js';

export interface WaitForRunOptions extends WatchActionsOptions {
  /** Called with the run whenever it changes, the first time once it has been read (e.g. to show progress). */
  onUpdate?: (run: RunSummary) => void;
}

export interface WaitForRunResult {
  /** The run as last seen: finished, unless the wait timed out. */
  run: RunSummary;
  timedOut: boolean;
}

function describeRef(ref: RunRef): string {
  return `run "${ref.runName}" in namespace "${ref.namespace}"`;
}

/** The one run the reference names; a name shared by runs of several projects must be narrowed. */
function theRun(ref: RunRef, actions: readonly TaskAction[]): RunSummary | undefined {
  const runs = summarizeRuns(actions);
  if (runs.length > 1) {
    const where = runs.map((run) => `${run.project ?? '?'}/${run.domain ?? '?'}`).join(', ');
    throw new UserError(`${describeRef(ref)} is ambiguous: it exists in ${where}`, {}, 'give --project and --domain to choose one');
  }
  return runs[0];
}

/**
 * Waits until a run is finished as `runStatus` judges it (every action succeeded, failed, was skipped or
 * aborted), watching its TaskActions rather than polling. Resolves with the run, or with `timedOut` and the run
 * as it was. Fails when the run does not exist, or is deleted while waiting.
 */
export async function waitForRun(client: KubeClient, ref: RunRef, options: WaitForRunOptions = {}): Promise<WaitForRunResult> {
  let last: RunSummary | undefined;
  const outcome = await watchActionsUntil(
    client,
    ref.namespace,
    runRefSelector(ref),
    (actions) => {
      const run = theRun(ref, actions);
      if (run === undefined) {
        if (last === undefined) {
          throw new UserError(`${describeRef(ref)} not found`, {}, 'check the name and namespace; kubectl kueue get -l flyte.org/is-root=true lists the runs');
        }
        throw new UserError(`${describeRef(ref)} was deleted while waiting (last seen ${last.status.phase} ${last.status.progress})`);
      }
      last = run;
      options.onUpdate?.(run);
      return run.status.finished ? run : undefined;
    },
    options,
  );
  if (outcome.kind === 'decided') return { run: outcome.value, timedOut: false };
  const run = theRun(ref, outcome.actions) ?? last;
  if (run === undefined) throw new UserError(`${describeRef(ref)} not found`);
  return { run, timedOut: true };
}
