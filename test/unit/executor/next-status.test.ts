import { describe, expect, it } from 'vitest';
import { phaseInfoFailure, phaseInfoQueued, phaseInfoRunning, phaseInfoSuccess } from '../../../shared/plugins/phase-info.js';
import { type PhaseInfo } from '../../../shared/plugins/phase-info.js';
import { phaseToString } from '../../../shared/plugins/phase.js';
import { appendedPhase, nextStatus, type StatusChange } from '../../../shared/executor/next-status.js';
import { phaseRecord } from '../../../shared/executor/phase-conditions.js';
import { statusChanged } from '../../../shared/executor/status-changed.js';
import { withExecutionLedger } from '../../../shared/task-action/execution-ledger.js';
import { type TaskActionStatus } from '../../../shared/task-action/types.js';

const t0 = new Date('2025-01-02T03:04:05.123Z');
const t1 = new Date('2025-01-02T03:04:09.456Z');

function change(info: PhaseInfo, now: Date, extra: Partial<StatusChange> = {}): StatusChange {
  const record = phaseRecord(info);
  return {
    ...(record !== undefined ? { record } : {}),
    pluginPhase: { name: phaseToString(info.phase), version: info.version },
    actionId: 'run/a0',
    now,
    ...extra,
  };
}

describe('nextStatus', () => {
  it('records the first phase: conditions, history, plugin phase, stateJson, attempts', () => {
    const status = nextStatus(undefined, change(phaseInfoQueued(t0, 0, 'task submitted to K8s'), t0, { attempts: 1 }));
    expect(status).toEqual({
      conditions: [{ type: 'Progressing', status: 'True', reason: 'Queued', message: 'task submitted to K8s', lastTransitionTime: '2025-01-02T03:04:05Z' }],
      phaseHistory: [{ phase: 'Queued', occurredAt: '2025-01-02T03:04:05.123Z', message: 'task submitted to K8s' }],
      pluginPhase: 'PhaseQueued',
      pluginPhaseVersion: 0,
      stateJson: '{"phase":"PhaseQueued","actionId":"run/a0","timestamp":"2025-01-02T03:04:05Z","attempts":1}',
      attempts: 1,
    });
  });

  it('adds a history entry only when the phase name changes, and keeps lastTransitionTime while the status holds', () => {
    const queued = nextStatus(undefined, change(phaseInfoQueued(t0, 0, 'task submitted to K8s'), t0));
    const again = nextStatus(queued, change(phaseInfoQueued(t1, 0, 'Unschedulable: 0/1 nodes'), t1));
    expect(again.phaseHistory).toHaveLength(1);
    expect(again.conditions?.[0]).toMatchObject({ message: 'Unschedulable: 0/1 nodes', lastTransitionTime: '2025-01-02T03:04:05Z' });
    // stateJson keeps the time the phase was entered, so a round that learns nothing writes nothing.
    expect(again.stateJson).toBe(queued.stateJson);

    const running = nextStatus(again, change(phaseInfoRunning(0), t1));
    expect(running.phaseHistory?.map((h) => h.phase)).toEqual(['Queued', 'Executing']);
    expect(running.phaseHistory?.[1]).toEqual({ phase: 'Executing', occurredAt: '2025-01-02T03:04:09.456Z' });
    expect(running.conditions?.[0]?.lastTransitionTime).toBe('2025-01-02T03:04:05Z');
    expect(appendedPhase(again, running)?.phase).toBe('Executing');
    expect(appendedPhase(queued, again)).toBeUndefined();
  });

  it('success flips Progressing (new transition time) and adds Succeeded', () => {
    const running = nextStatus(undefined, change(phaseInfoRunning(0), t0));
    const done = nextStatus(running, change(phaseInfoSuccess(), t1));
    expect(done.conditions).toEqual([
      { type: 'Progressing', status: 'False', reason: 'Completed', message: 'TaskAction has completed', lastTransitionTime: '2025-01-02T03:04:09Z' },
      { type: 'Succeeded', status: 'True', reason: 'Completed', message: 'TaskAction completed successfully', lastTransitionTime: '2025-01-02T03:04:09Z' },
    ]);
  });

  it('keeps errorState once a failure recorded it', () => {
    const failed = nextStatus(undefined, change(phaseInfoFailure('OOMKilled', 'out of memory'), t0));
    expect(failed.errorState).toEqual({ code: 'OOMKilled', kind: 'USER', message: 'out of memory' });
    const later = nextStatus(failed, change(phaseInfoQueued(t1, 0, 'again'), t1));
    expect(later.errorState).toEqual(failed.errorState);
  });

  it('stores written plugin state, keeps unwritten state, and clears it for a new attempt', () => {
    const base: TaskActionStatus = { pluginState: 'b2xk', pluginStateVersion: 1 };
    expect(nextStatus(base, { actionId: 'r/a', now: t0, pluginState: { written: false } })).toEqual(base);
    expect(nextStatus(base, { actionId: 'r/a', now: t0, pluginState: { written: true, pluginState: 'bmV3', pluginStateVersion: 2 } })).toEqual({
      pluginState: 'bmV3',
      pluginStateVersion: 2,
    });
    expect(nextStatus(base, { actionId: 'r/a', now: t0, pluginState: 'clear' })).toEqual({ pluginStateVersion: 0 });
  });

  it('changes nothing but the counters when no phase was learned', () => {
    const queued = nextStatus(undefined, change(phaseInfoQueued(t0, 0, 'q'), t0, { systemFailures: 0 }));
    const next = nextStatus(queued, { actionId: 'run/a0', now: t1, systemFailures: 2 });
    expect(next).toEqual({ ...queued, systemFailures: 2, stateJson: queued.stateJson?.replace('"systemFailures":0', '"systemFailures":2') });
  });

  it('keeps the ledger in stateJson, so a CRD that prunes attempts, systemFailures and errorState loses nothing', () => {
    const failed = nextStatus(undefined, change(phaseInfoFailure('Error', 'exit 1'), t0, { attempts: 2, systemFailures: 0 }));
    expect(JSON.parse(failed.stateJson ?? '')).toEqual({
      phase: 'PhasePermanentFailure',
      actionId: 'run/a0',
      timestamp: '2025-01-02T03:04:05Z',
      attempts: 2,
      systemFailures: 0,
      errorState: { code: 'Error', kind: 'USER', message: 'exit 1' },
    });
    // What Flyte's S3 CRD keeps of it: the next round still knows the attempt, the streak and the error.
    const pruned: TaskActionStatus = { ...failed };
    delete pruned.attempts;
    delete pruned.systemFailures;
    delete pruned.errorState;
    const next = nextStatus(pruned, { actionId: 'run/a0', now: t1, systemFailures: 1 });
    expect(next).toMatchObject({ attempts: 2, systemFailures: 1, errorState: { code: 'Error' } });
    expect(JSON.parse(next.stateJson ?? '')).toMatchObject({ phase: 'PhasePermanentFailure', attempts: 2, systemFailures: 1 });
    // And restoring the ledger makes an unchanged round no change at all, pruned or not.
    expect(statusChanged(withExecutionLedger(pruned), nextStatus(pruned, { actionId: 'run/a0', now: t1 }))).toBe(false);
  });

  it('never modifies its input', () => {
    const queued = nextStatus(undefined, change(phaseInfoQueued(t0, 0, 'q'), t0));
    const copy = structuredClone(queued);
    nextStatus(queued, change(phaseInfoSuccess(), t1, { pluginState: 'clear', attempts: 2 }));
    expect(queued).toEqual(copy);
  });
});

describe('statusChanged', () => {
  const status: TaskActionStatus = {
    pluginPhase: 'PhaseRunning',
    conditions: [{ type: 'Progressing', status: 'True', reason: 'Executing', message: '', lastTransitionTime: '2025-01-02T03:04:05Z' }],
  };

  it('is false for the same content in another key order, or with empty lists and undefined members', () => {
    const reordered = { conditions: status.conditions, pluginPhase: 'PhaseRunning', phaseHistory: [], errorState: undefined };
    expect(statusChanged(status, reordered)).toBe(false);
    expect(statusChanged(undefined, {})).toBe(false);
  });

  it('is true for any stored difference', () => {
    expect(statusChanged(status, { ...status, pluginPhaseVersion: 1 })).toBe(true);
    expect(statusChanged(status, { ...status, conditions: [{ ...status.conditions![0]!, message: 'x' }] })).toBe(true);
    expect(statusChanged(status, { ...status, systemFailures: 1 })).toBe(true);
  });
});
