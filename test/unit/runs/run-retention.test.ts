import { describe, expect, it } from 'vitest';
import { expiredRuns, parseCompletedTimeLabel, runCompletedAt, runDeletionTargets, summarizeRuns } from '../../../shared/runs/index.js';
import { type Condition, LABEL_COMPLETED_TIME, type TaskAction, taskActionLabels } from '../../../shared/task-action/index.js';

const HOUR = 3600_000;
const NOW = new Date('2026-02-08T12:00:00Z');

function action(run: string, name: string, state: 'running' | 'succeeded' | 'failed', options: { end?: string; label?: string; parent?: string; noRoot?: boolean } = {}): TaskAction {
  const c = (type: string, status: 'True' | 'False', reason: string): Condition => ({ type, status, reason, message: '', lastTransitionTime: options.end ?? '2026-02-01T00:00:00Z' });
  const conditions =
    state === 'running' ? [c('Progressing', 'True', 'Executing')] : state === 'succeeded' ? [c('Succeeded', 'True', 'Completed')] : [c('Failed', 'True', 'PermanentFailure')];
  const labels: Record<string, string> = taskActionLabels({ org: 'o', project: 'p', domain: 'd', runName: run, actionName: name, parentActionName: options.parent });
  if (options.label !== undefined) labels[LABEL_COMPLETED_TIME] = options.label;
  if (options.noRoot === true) delete labels['flyte.org/is-root'];
  return {
    apiVersion: 'flyte.org/v1',
    kind: 'TaskAction',
    metadata: {
      name: `${run}-${name}`,
      namespace: 'ns',
      uid: `uid-${run}-${name}`,
      creationTimestamp: '2026-01-31T00:00:00Z',
      labels,
      ...(options.parent !== undefined ? { ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: `${run}-${options.parent}`, uid: `uid-${run}-${options.parent}` }] } : {}),
    },
    spec: { runName: run, actionName: name },
    status: {
      conditions,
      phaseHistory: [
        { phase: 'Executing', occurredAt: '2026-01-31T00:00:00Z' },
        ...(options.end !== undefined ? [{ phase: state === 'failed' ? 'PermanentFailure' : 'Completed', occurredAt: options.end }] : []),
      ],
    },
  } as TaskAction;
}

describe('retention', () => {
  it("reads Flyte's completed-time label and refuses what is not one", () => {
    expect(parseCompletedTimeLabel('2026-02-01.09-26')?.toISOString()).toBe('2026-02-01T09:26:00.000Z');
    expect(parseCompletedTimeLabel(undefined)).toBeUndefined();
    expect(parseCompletedTimeLabel('2026-02-01T09:26')).toBeUndefined();
    expect(parseCompletedTimeLabel('2026-02-31.09-26')).toBeUndefined();
  });

  it('a run ends at the newest of its labels and its last end; a run still going has no end', () => {
    const [run] = summarizeRuns([
      action('r', 'a0', 'succeeded', { end: '2026-02-01T10:00:00Z', label: '2026-02-01.10-00' }),
      action('r', 'b', 'failed', { end: '2026-02-01T11:30:00Z', parent: 'a0' }),
    ]);
    expect(runCompletedAt(run!)?.toISOString()).toBe('2026-02-01T11:30:00.000Z');
    const [labelled] = summarizeRuns([action('l', 'a0', 'succeeded', { label: '2026-02-05.08-15' })]);
    expect(runCompletedAt(labelled!)?.toISOString()).toBe('2026-02-05T08:15:00.000Z');
    const [going] = summarizeRuns([action('g', 'a0', 'succeeded', { end: '2026-02-01T10:00:00Z' }), action('g', 'b', 'running', { parent: 'a0' })]);
    expect(runCompletedAt(going!)).toBeUndefined();
  });

  it('selects only finished runs that ended at least the retention time ago; 0 keeps everything', () => {
    const runs = summarizeRuns([
      action('old', 'a0', 'succeeded', { end: '2026-02-01T11:00:00Z' }),
      action('oldfail', 'a0', 'failed', { end: '2026-02-01T12:00:00Z' }),
      action('young', 'a0', 'succeeded', { end: '2026-02-05T00:00:00Z' }),
      action('going', 'a0', 'succeeded', { end: '2026-01-01T00:00:00Z' }),
      action('going', 'b', 'running', { parent: 'a0' }),
    ]);
    expect(expiredRuns(runs, 168 * HOUR, NOW).map((r) => r.runName).sort()).toEqual(['old', 'oldfail']);
    expect(expiredRuns(runs, 24 * HOUR, NOW).map((r) => r.runName).sort()).toEqual(['old', 'oldfail', 'young']);
    expect(expiredRuns(runs, 0, NOW)).toEqual([]);
    expect(expiredRuns(runs, -1, NOW)).toEqual([]);
  });

  it("deletes a run's root only, or its top-most actions when the root is gone", () => {
    const [whole] = summarizeRuns([action('w', 'a0', 'succeeded'), action('w', 'b', 'succeeded', { parent: 'a0' })]);
    expect(runDeletionTargets(whole!).map((a) => a.metadata.name)).toEqual(['w-a0']);
    const [orphaned] = summarizeRuns([
      action('o', 'b', 'succeeded', { parent: 'a0' }),
      action('o', 'c', 'succeeded', { parent: 'b' }),
      action('o', 'd', 'succeeded', { parent: 'a0' }),
    ]);
    expect(runDeletionTargets(orphaned!).map((a) => a.metadata.name).sort()).toEqual(['o-b', 'o-d']);
  });
});
