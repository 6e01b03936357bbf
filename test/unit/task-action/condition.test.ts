import { describe, expect, it } from 'vitest';
import {
  type Condition,
  ConditionReason,
  findCondition,
  formatKubeTime,
  isConditionTrue,
  isTerminal,
  removeCondition,
  setCondition,
} from '../../../shared/task-action/condition.js';

const t0 = new Date('2025-03-01T10:00:00.789Z');
const t1 = new Date('2025-03-01T10:05:00Z');
const t2 = new Date('2025-03-01T10:09:00Z');

describe('setCondition', () => {
  it('adds a new condition with the current time at seconds precision', () => {
    const list = setCondition([], { type: 'Progressing', status: 'True', reason: 'Queued', message: 'queued' }, t0);
    expect(list).toEqual([
      {
        type: 'Progressing',
        status: 'True',
        reason: 'Queued',
        message: 'queued',
        lastTransitionTime: '2025-03-01T10:00:00Z',
      },
    ]);
  });

  it('keeps lastTransitionTime while the status stays, but takes the new reason and message', () => {
    const first = setCondition(undefined, { type: 'Progressing', status: 'True', reason: 'Queued', message: 'q' }, t0);
    const second = setCondition(first, { type: 'Progressing', status: 'True', reason: 'Executing', message: 'e' }, t1);
    expect(second[0]).toMatchObject({ reason: 'Executing', message: 'e', lastTransitionTime: '2025-03-01T10:00:00Z' });
  });

  it('moves lastTransitionTime when the status flips', () => {
    const first = setCondition([], { type: 'Progressing', status: 'True', reason: 'Executing', message: '' }, t0);
    const second = setCondition(first, { type: 'Progressing', status: 'False', reason: 'Completed', message: '' }, t2);
    expect(second[0]?.lastTransitionTime).toBe('2025-03-01T10:09:00Z');
  });

  it('replaces in place, keeps other types and order, and does not touch its input', () => {
    const start: Condition[] = [
      { type: 'Progressing', status: 'True', reason: 'Executing', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
      { type: 'Failed', status: 'False', reason: 'X', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
    ];
    const copy = structuredClone(start);
    const next = setCondition(start, { type: 'Progressing', status: 'False', reason: 'Completed', message: 'done' }, t1);
    expect(start).toEqual(copy);
    expect(next.map((c) => c.type)).toEqual(['Progressing', 'Failed']);
    const added = setCondition(next, { type: 'Succeeded', status: 'True', reason: 'Completed', message: '' }, t1);
    expect(added.map((c) => c.type)).toEqual(['Progressing', 'Failed', 'Succeeded']);
  });

  it('keeps observedGeneration unless a new one is given', () => {
    const first = setCondition([], { type: 'A', status: 'True', reason: 'R', message: '', observedGeneration: 3 }, t0);
    expect(setCondition(first, { type: 'A', status: 'True', reason: 'R', message: '' }, t1)[0]?.observedGeneration).toBe(3);
    expect(
      setCondition(first, { type: 'A', status: 'True', reason: 'R', message: '', observedGeneration: 4 }, t1)[0]
        ?.observedGeneration,
    ).toBe(4);
  });
});

describe('condition queries', () => {
  const conditions: Condition[] = [
    { type: 'Progressing', status: 'False', reason: 'Completed', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
    { type: 'Succeeded', status: 'True', reason: 'Completed', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ];

  it('finds conditions by type', () => {
    expect(findCondition(conditions, 'Succeeded')?.status).toBe('True');
    expect(findCondition(conditions, 'Failed')).toBeUndefined();
    expect(findCondition(undefined, 'Failed')).toBeUndefined();
    expect(isConditionTrue(conditions, 'Progressing')).toBe(false);
    expect(removeCondition(conditions, 'Succeeded').map((c) => c.type)).toEqual(['Progressing']);
  });

  it('is terminal exactly when Succeeded or Failed is True', () => {
    const make = (type: string, status: 'True' | 'False' | 'Unknown'): { status: { conditions: Condition[] } } => ({
      status: { conditions: [{ type, status, reason: 'R', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
    });
    expect(isTerminal({ status: { conditions } })).toBe(true);
    expect(isTerminal(make('Failed', 'True'))).toBe(true);
    expect(isTerminal(make('Failed', 'False'))).toBe(false);
    expect(isTerminal(make('Succeeded', 'Unknown'))).toBe(false);
    expect(isTerminal(make('Progressing', 'True'))).toBe(false);
    expect(isTerminal({})).toBe(false);
  });

  it('uses Flyte reason names', () => {
    expect(Object.values(ConditionReason)).toEqual(
      expect.arrayContaining(['Queued', 'Initializing', 'Executing', 'Completed', 'PermanentFailure', 'RetryableFailure', 'Aborted', 'InvalidSpec', 'PluginNotFound']),
    );
    expect(formatKubeTime(new Date('2025-03-01T10:00:00.999Z'))).toBe('2025-03-01T10:00:00Z');
  });
});
