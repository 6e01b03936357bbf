import { describe, expect, it } from 'vitest';
import { actionTimes, displayPhase } from '../../../shared/task-action/display-phase.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

function action(conditions: { type: string; status: 'True' | 'False'; reason: string }[], history: { phase: string; occurredAt: string }[] = [], deleting = false): TaskAction {
  return {
    metadata: { name: 'a', creationTimestamp: '2026-01-01T00:00:00Z', ...(deleting ? { deletionTimestamp: '2026-01-01T00:05:00Z' } : {}) },
    spec: { runName: 'r', project: 'p', domain: 'd', actionName: 'a' },
    status: { conditions: conditions.map((c) => ({ ...c, message: '', lastTransitionTime: '2026-01-01T00:00:00Z' })), phaseHistory: history },
  };
}

describe('displayPhase', () => {
  it.each([
    [[], 'Pending'],
    [[{ type: 'Progressing', status: 'True', reason: 'Queued' }], 'Queued'],
    [[{ type: 'Progressing', status: 'True', reason: 'Initializing' }], 'Initializing'],
    [[{ type: 'Progressing', status: 'True', reason: 'Executing' }], 'Running'],
    [[{ type: 'Progressing', status: 'True', reason: 'RetryableFailure' }], 'Retrying'],
    [[{ type: 'Progressing', status: 'True', reason: 'Paused' }], 'Paused'],
    [[{ type: 'Progressing', status: 'False', reason: 'Signaled' }, { type: 'Succeeded', status: 'True', reason: 'Signaled' }], 'Succeeded'],
    [[{ type: 'Progressing', status: 'False', reason: 'TimedOut' }, { type: 'Failed', status: 'True', reason: 'TimedOut' }], 'Failed'],
    [[{ type: 'Progressing', status: 'False', reason: 'Completed' }, { type: 'Succeeded', status: 'True', reason: 'Completed' }], 'Succeeded'],
    [[{ type: 'Failed', status: 'True', reason: 'PermanentFailure' }], 'Failed'],
    [[{ type: 'Failed', status: 'True', reason: 'Aborted' }], 'Aborted'],
  ] as const)('%j -> %s', (conditions, phase) => {
    expect(displayPhase(action([...conditions]))).toBe(phase);
  });

  it('shows a deletion in progress whatever the conditions say', () => {
    expect(displayPhase(action([{ type: 'Progressing', status: 'True', reason: 'Executing' }], [], true))).toBe('Deleting');
  });
});

describe('actionTimes', () => {
  it('starts at the first Initializing/Executing entry of the history and ends at the last when finished', () => {
    const done = action([{ type: 'Succeeded', status: 'True', reason: 'Completed' }], [
      { phase: 'Queued', occurredAt: '2026-01-01T00:00:01Z' },
      { phase: 'Initializing', occurredAt: '2026-01-01T00:00:03Z' },
      { phase: 'Executing', occurredAt: '2026-01-01T00:00:04Z' },
      { phase: 'Completed', occurredAt: '2026-01-01T00:00:09Z' },
    ]);
    expect(actionTimes(done)).toEqual({ startedAt: '2026-01-01T00:00:03Z', finishedAt: '2026-01-01T00:00:09Z' });
  });

  it('has no end while running, and starts at creation without history', () => {
    expect(actionTimes(action([{ type: 'Progressing', status: 'True', reason: 'Executing' }], [{ phase: 'Executing', occurredAt: '2026-01-01T00:00:04Z' }]))).toEqual({
      startedAt: '2026-01-01T00:00:04Z',
      finishedAt: undefined,
    });
    expect(actionTimes(action([])).startedAt).toBe('2026-01-01T00:00:00Z');
  });
});
