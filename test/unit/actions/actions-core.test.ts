import { ActionPhase } from '@flyteorg/flyteidl2/flyteidl2/common/phase_pb.js';
import { describe, expect, it } from 'vitest';
import { actionPhaseOf, fnv1a32, headOutputPrefix, literalValueType, outputShard, parseConditionValue } from '../../../shared/actions/index.js';
import { type Condition } from '../../../shared/task-action/condition.js';
import { headTaskActionName } from '../../../shared/task-action/head-naming.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

function withConditions(conditions: Partial<Condition>[]): TaskAction {
  return {
    metadata: { name: 'r1-a0', namespace: 'flyte' },
    spec: { runName: 'r1', project: 'p', domain: 'd', actionName: 'a0' },
    status: { conditions: conditions.map((c) => ({ type: '', status: 'True', reason: '', message: '', lastTransitionTime: '2026-01-01T00:00:00Z', ...c })) },
  };
}

describe('ActionsService naming, sharding and phases', () => {
  it("names as Flyte's current service: <run>-a0 for the run's root, else <run>-<action>", () => {
    expect(headTaskActionName('r1', 'r1')).toBe('r1-a0');
    expect(headTaskActionName('r1', 'a0')).toBe('r1-a0');
    expect(headTaskActionName('r1', 'train')).toBe('r1-train');
  });

  it('shards output locations with FNV-1a-32 mod 1296 (flyte/r1-a0 → xt)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(outputShard('flyte', 'r1-a0')).toBe('xt');
    expect(headOutputPrefix('s3://bucket/org/p/d/r1/', 'flyte', 'r1-a0', 'a0', 2)).toBe('s3://bucket/xt/org/p/d/r1/a0/2');
    expect(headOutputPrefix('/data/r1', 'flyte', 'r1-a0', 'a0', 1)).toBe('/xt/data/r1/a0/1');
  });

  it('derives phase numbers from conditions, first match', () => {
    expect(actionPhaseOf(withConditions([]))).toBe(ActionPhase.UNSPECIFIED);
    expect(actionPhaseOf(withConditions([{ type: 'Progressing', reason: 'Queued' }]))).toBe(1);
    expect(actionPhaseOf(withConditions([{ type: 'Progressing', reason: 'Initializing' }]))).toBe(3);
    expect(actionPhaseOf(withConditions([{ type: 'Progressing', reason: 'Executing' }]))).toBe(4);
    expect(actionPhaseOf(withConditions([{ type: 'Progressing', reason: 'Paused' }]))).toBe(9);
    expect(actionPhaseOf(withConditions([{ type: 'Progressing', reason: 'RetryableFailure' }]))).toBe(0);
    expect(actionPhaseOf(withConditions([{ type: 'Succeeded', reason: 'Signaled' }]))).toBe(5);
    expect(actionPhaseOf(withConditions([{ type: 'Failed', reason: 'PermanentFailure' }]))).toBe(6);
    expect(actionPhaseOf(withConditions([{ type: 'Failed', reason: 'TimedOut' }]))).toBe(8);
    expect(actionPhaseOf(withConditions([{ type: 'Progressing', reason: 'Executing' }]), true)).toBe(7);
    expect(actionPhaseOf(withConditions([{ type: 'Succeeded', reason: 'Completed' }]), true)).toBe(5);
  });

  it('parses signal values by the condition type, naming what was expected', () => {
    expect(literalValueType(parseConditionValue('true', 'bool'))).toBe('bool');
    expect(literalValueType(parseConditionValue('-3', 'int'))).toBe('int');
    expect(literalValueType(parseConditionValue('0.5', 'float'))).toBe('float');
    expect(literalValueType(parseConditionValue('any text', 'string'))).toBe('string');
    expect(() => parseConditionValue('maybe', 'bool')).toThrow('"maybe" is not a bool: give true or false');
    expect(() => parseConditionValue('1.5', 'int')).toThrow('is not an int');
    expect(() => parseConditionValue('x', 'float')).toThrow('is not a float');
  });
});
