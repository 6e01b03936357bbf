import { describe, expect, it } from 'vitest';
import { RUN_PHASES, runPhaseNamed, runRecord, runWaitingReason, summarizeRuns } from '../../../shared/runs/index.js';
import { type TaskAction, taskActionLabels } from '../../../shared/task-action/index.js';
import { parseRunPhases } from '../../../kubectl-plugin/flags/run-phase-flag.js';
import { renderRunHeader } from '../../../kubectl-plugin/printers/run-header.js';
import { renderRunTable } from '../../../kubectl-plugin/printers/run-table.js';
import { UserError } from '../../../shared/errors/index.js';

const NOW = Date.parse('2026-01-01T01:00:00Z');

/** An action that ran from `start` to `end` (minutes past midnight) and ended as `outcome`, or is still running. */
function ran(run: string, name: string, outcome: 'Succeeded' | 'Failed' | 'running', start: number, end?: number): TaskAction {
  const at = (minute: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + minute * 60_000).toISOString().replace('.000Z', 'Z');
  const done = outcome === 'running' ? [] : [{ type: outcome, status: 'True' as const, reason: outcome === 'Failed' ? 'PermanentFailure' : 'Completed', message: '', lastTransitionTime: at(end ?? start) }];
  return {
    metadata: {
      name: `${run}-${name}`,
      namespace: 'ns',
      uid: `${run}-${name}`,
      creationTimestamp: at(start),
      labels: taskActionLabels({ org: 'o', project: 'ml', domain: 'dev', runName: run, actionName: name, parentActionName: name === 'a0' ? undefined : 'a0' }),
    },
    spec: { runName: run, project: 'ml', domain: 'dev', actionName: name },
    status: {
      conditions: outcome === 'running' ? [{ type: 'Progressing', status: 'True', reason: 'Executing', message: '', lastTransitionTime: at(start) }] : done,
      phaseHistory: [{ phase: 'Executing', occurredAt: at(start) }, ...(end !== undefined ? [{ phase: 'Completed', occurredAt: at(end) }] : [])],
    },
  };
}

const runs = summarizeRuns([
  ran('old', 'a0', 'Succeeded', 0, 2),
  ran('old', 'train', 'Failed', 1, 3),
  ran('new', 'a0', 'running', 30),
]);

describe('run phases', () => {
  it('are named in any case, repeated or comma-separated, each once', () => {
    expect(runPhaseNamed(' FAILED ')).toBe('Failed');
    expect(runPhaseNamed('done')).toBeUndefined();
    expect(parseRunPhases(['failed,Running', 'failed'])).toEqual(['Failed', 'Running']);
    expect(parseRunPhases(undefined)).toBeUndefined();
  });

  it('refuses an unknown status, naming the flag and the valid ones', () => {
    let error: unknown;
    try {
      parseRunPhases(['Failed,Done']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('--status: "Done" is not a run status');
    expect((error as UserError).hint).toContain(RUN_PHASES.join(', '));
  });
});

describe('run views', () => {
  it('list: one row per run, newest first, the status from all actions', () => {
    expect(renderRunTable(runs, { now: NOW })).toBe(
      [
        'RUN   STATUS    PROGRESS   FAILED   AGE   DURATION',
        'new   Running   0/1        0        30m   30m',
        'old   Failed    1/2        1        60m   3m',
        '',
      ].join('\n'),
    );
    expect(renderRunTable(runs, { now: NOW, wide: true, allNamespaces: true, noHeaders: true }).split('\n')[1]).toBe('ns   old   Failed    1/2   1   60m   3m    ml   dev');
  });

  it('tree: the header carries the run status, progress, failures and duration', () => {
    const [, old] = runs;
    expect(old && renderRunHeader(old, { color: false, unicode: true }, NOW)).toBe('Run old   Failed   1/2 (1 failed)   3m   o/ml/dev   namespace ns');
  });

  it('tree: the header says why an unfinished run waits, as the editor\'s run row does', () => {
    const [recent, old] = runs;
    const pulling = ran('new', 'fetch', 'running', 31);
    pulling.status = { conditions: [{ type: 'Progressing', status: 'True', reason: 'Initializing', message: '[ErrImagePull] container "fetch": manifest unknown', lastTransitionTime: '2026-01-01T00:31:00Z' }] };
    const waiting = runWaitingReason([pulling]);
    expect(recent && renderRunHeader(recent, { color: false, unicode: true }, NOW, waiting)).toBe('Run new   Running   0/1   waiting: image pull (fetch)   30m   o/ml/dev   namespace ns');
    // A finished run waits for nothing, whatever an action's last condition said.
    expect(old && renderRunHeader(old, { color: false, unicode: true }, NOW, waiting)).toBe('Run old   Failed   1/2 (1 failed)   3m   o/ml/dev   namespace ns');
  });

  it('-o yaml|json: a Kubernetes-shaped record per run', () => {
    const [, old] = runs;
    expect(old && runRecord(old, new Date(NOW))).toEqual({
      kind: 'Run',
      metadata: { name: 'old', namespace: 'ns', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: {
        org: 'o',
        project: 'ml',
        domain: 'dev',
        root: 'old-a0',
        actions: [
          { name: 'a0', taskAction: 'old-a0', phase: 'Succeeded' },
          { name: 'train', taskAction: 'old-train', phase: 'Failed' },
        ],
      },
      status: {
        phase: 'Failed',
        finished: true,
        progress: '1/2',
        total: 2,
        succeeded: 1,
        failed: 1,
        skipped: 0,
        aborted: 0,
        active: 0,
        pending: 0,
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:03:00Z',
        durationSeconds: 180,
      },
    });
  });
});
