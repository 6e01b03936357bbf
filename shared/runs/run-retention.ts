import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { LABEL_COMPLETED_TIME, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { listTaskActions } from '../queue/index.js';
import { type RunSummary, summarizeRuns } from './run-summary.js';

/** How long `kubectl kueue executor` keeps finished runs by default: a week. */
export const DEFAULT_RETAIN_MS = 168 * 3600_000;
/** How often a retaining executor looks for runs to delete (and once when it starts leading). */
export const DEFAULT_RETAIN_INTERVAL_MS = 10 * 60_000;

/** `2025-03-14.09-26` (Flyte's completed-time label, UTC to the minute) as a time; undefined when it is not one. */
export function parseCompletedTimeLabel(value: string | undefined): Date | undefined {
  const match = /^(\d{4})-(\d\d)-(\d\d)\.(\d\d)-(\d\d)$/.exec(value ?? '');
  if (match === null) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return Number.isNaN(time.getTime()) || time.getUTCDate() !== day ? undefined : time;
}

/**
 * When a finished run ended: the newest of its actions' completed-time labels (written by this executor and by
 * Flyte's) and the last end its status knows. Undefined while it runs, or when neither says.
 */
export function runCompletedAt(run: RunSummary): Date | undefined {
  if (!run.status.finished) return undefined;
  const times = run.actions.map((action) => parseCompletedTimeLabel(action.metadata.labels?.[LABEL_COMPLETED_TIME])?.getTime());
  if (run.status.finishedAt !== undefined) times.push(Date.parse(run.status.finishedAt));
  const known = times.filter((t): t is number => t !== undefined && !Number.isNaN(t));
  return known.length > 0 ? new Date(Math.max(...known)) : undefined;
}

/** The finished runs that ended at least `retainMs` before `now` (0 or less: none, they are kept for ever). */
export function expiredRuns(runs: readonly RunSummary[], retainMs: number, now: Date): RunSummary[] {
  if (!(retainMs > 0)) return [];
  return runs.filter((run) => {
    const completedAt = runCompletedAt(run);
    return completedAt !== undefined && completedAt.getTime() + retainMs <= now.getTime();
  });
}

/**
 * What deleting a run deletes: its root, and Kubernetes cascades to the rest. A run whose root is gone (its
 * subtrees were orphaned) loses its top-most actions instead, those no other action of the run owns.
 */
export function runDeletionTargets(run: RunSummary): TaskAction[] {
  if (run.root !== undefined) return [run.root];
  const uids = new Set(run.actions.map((action) => action.metadata.uid));
  return run.actions.filter((action) => !(action.metadata.ownerReferences ?? []).some((owner) => owner.kind === 'TaskAction' && uids.has(owner.uid)));
}

export interface RetentionSweep {
  /** `namespace/run` of every run deleted. */
  runs: string[];
  /** The TaskActions deleted (each cascading to what it owns). */
  deleted: TaskAction[];
}

/**
 * Deletes the finished runs of a namespace (undefined: all) that ended `retainMs` or longer ago, reading the
 * TaskActions in pages. Each delete is conditioned on the object being the one that was read: an action retried
 * meanwhile has another resource version and is kept. Objects already gone are no error.
 */
export async function sweepExpiredRuns(client: KubeClient, namespace: string | undefined, retainMs: number, now: Date, options: { pageSize?: number; labelSelector?: string; include?: (namespace: string) => boolean } = {}): Promise<RetentionSweep> {
  const sweep: RetentionSweep = { runs: [], deleted: [] };
  if (!(retainMs > 0)) return sweep;
  const include = options.include ?? (() => true);
  const runs = expiredRuns(summarizeRuns(await listTaskActions(client, namespace, options)), retainMs, now).filter((run) => include(run.namespace));
  for (const run of runs) {
    let deletedAny = false;
    for (const target of runDeletionTargets(run)) {
      try {
        await client.delete(TASKACTIONS, target.metadata.namespace, target.metadata.name ?? '', {
          propagationPolicy: 'Background',
          preconditions: { uid: target.metadata.uid, resourceVersion: target.metadata.resourceVersion },
        });
        sweep.deleted.push(target);
        deletedAny = true;
      } catch (err) {
        if (isKubeApiError(err) && (err.code === 404 || err.code === 409)) continue;
        throw err;
      }
    }
    if (deletedAny) sweep.runs.push(`${run.namespace}/${run.runName}`);
  }
  return sweep;
}
