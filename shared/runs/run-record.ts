import { displayPhase } from '../task-action/index.js';
import { type RunStatus, runDurationMs } from './run-status.js';
import { type RunSummary } from './run-summary.js';

/**
 * A run as data (`list -o yaml|json`), shaped like a Kubernetes object so kubectl habits apply (`.metadata.name`,
 * `.status.phase`, `-o name` gives `run/NAME`), though no such resource exists on the server: a run is the set
 * of TaskActions sharing its labels.
 */
export interface RunRecord {
  kind: 'Run';
  metadata: { name: string; namespace: string; creationTimestamp?: string };
  spec: {
    org?: string;
    project?: string;
    domain?: string;
    /** The root TaskAction's object name, absent when the root is gone (an orphaned subtree). */
    root?: string;
    /** Every action of the run, root first, with its own phase. */
    actions: { name: string; taskAction: string; phase: string }[];
  };
  /** The run's status (see RunStatus) and, from it, how long the run took. */
  status: RunStatus & {
    /** First start to last end, or to `now` while the run is unfinished; absent before anything started. */
    durationSeconds?: number;
  };
}

export function runRecord(run: RunSummary, now: Date = new Date()): RunRecord {
  const duration = runDurationMs(run.status, now);
  return {
    kind: 'Run',
    metadata: { name: run.runName, namespace: run.namespace, ...(run.createdAt !== undefined ? { creationTimestamp: run.createdAt } : {}) },
    spec: {
      ...(run.org !== undefined ? { org: run.org } : {}),
      ...(run.project !== undefined ? { project: run.project } : {}),
      ...(run.domain !== undefined ? { domain: run.domain } : {}),
      ...(run.root?.metadata.name !== undefined ? { root: run.root.metadata.name } : {}),
      actions: run.actions.map((a) => ({ name: a.spec.actionName, taskAction: a.metadata.name ?? '', phase: displayPhase(a) })),
    },
    status: { ...run.status, ...(duration !== undefined ? { durationSeconds: Math.round(duration / 1000) } : {}) },
  };
}
