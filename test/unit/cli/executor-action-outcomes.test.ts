import { describe, expect, it } from 'vitest';
import { type TransitionEvent } from '../../../shared/executor/index.js';
import { type DisplayPhase } from '../../../shared/task-action/index.js';
import { ActionOutcomes } from '../../../kubectl-plugin/commands/executor/action-outcomes.js';

function event(runName: string, actionName: string, displayPhase: DisplayPhase): TransitionEvent {
  return { namespace: 'flyte', name: `${runName}-${actionName}`, runName, actionName, attempt: 1, phase: displayPhase, displayPhase, message: '', occurredAt: new Date(0) };
}

describe('executor --until-idle outcome summary', () => {
  it('names the actions whose last phase change was a failure or an abort, sorted', () => {
    const outcomes = new ActionOutcomes();
    outcomes.record(event('r2', 'a0', 'Failed'));
    outcomes.record(event('r1', 'train', 'Running'));
    outcomes.record(event('r1', 'train', 'Failed'));
    outcomes.record(event('r1', 'ok', 'Succeeded'));
    outcomes.record(event('r3', 'x', 'Aborted'));
    expect(outcomes.summary()).toEqual(['2 actions failed: r1/train, r2/a0', '1 action was aborted: r3/x']);
  });

  it('says nothing when a failed attempt was retried successfully', () => {
    const outcomes = new ActionOutcomes();
    outcomes.record(event('r1', 'a0', 'Retrying'));
    outcomes.record(event('r1', 'a0', 'Succeeded'));
    expect(outcomes.summary()).toEqual([]);
  });
});
