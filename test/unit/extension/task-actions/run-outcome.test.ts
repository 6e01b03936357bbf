import { describe, expect, it } from 'vitest';
import { belongsTo, runKey, runOutcome, runOutcomeMessage } from '../../../../extension/src/task-actions/run-outcome.js';
import { taskAction, underFlyteS3Crd } from './task-action-fixtures.js';

const RUN = { namespace: 'flyte', org: 'acme', project: 'proj', domain: 'dev', runName: 'nightly' };

describe('runOutcome', () => {
  const a0 = taskAction('a0', { phase: 'succeeded' });

  it('is running while any action has not finished, even with the root done', () => {
    expect(runOutcome([a0, taskAction('train', { parent: a0, phase: 'running' })])).toEqual({ state: 'running' });
    expect(runOutcome([a0, taskAction('train', { parent: a0, phase: 'pending' })])).toEqual({ state: 'running' });
  });

  it('succeeds when every action did, from the first start to the last end', () => {
    const outcome = runOutcome([a0, taskAction('train', { parent: a0, phase: 'succeeded' })]);
    expect(outcome).toEqual({ state: 'succeeded', actions: 2, durationMs: 41_000 });
    expect(runOutcomeMessage(RUN, outcome)).toBe('Run nightly succeeded: 2 actions in 41s.');
  });

  it('fails when any action failed or was aborted, naming the first and counting the rest', () => {
    const outcome = runOutcome([
      a0,
      taskAction('train', { parent: a0, phase: 'failed' }),
      taskAction('eval', { parent: a0, phase: 'aborted' }),
    ]);
    expect(outcome).toEqual({
      state: 'failed',
      actions: 3,
      counts: '1/3 · 1 failed · 1 aborted',
      failures: [
        { actionName: 'eval', phase: 'Aborted', message: 'aborted by the user' },
        { actionName: 'train', phase: 'Failed', message: 'container main was OOMKilled' },
      ],
    });
    expect(runOutcomeMessage(RUN, outcome)).toBe('Run nightly failed (1/3 · 1 failed · 1 aborted): eval aborted (aborted by the user) and 1 more.');
  });

  it("names the last error under Flyte's S3 CRD too, where only stateJson keeps it", () => {
    const train = underFlyteS3Crd(taskAction('train', { parent: a0, phase: 'failed' }));
    // The Failed condition says less than the error: the outcome must come from the ledger, not the condition.
    const failedCondition = train.status?.conditions?.find((c) => c.type === 'Failed');
    if (failedCondition) failedCondition.message = 'attempt 3 of 3 failed';
    const outcome = runOutcome([a0, train]);
    expect(outcome).toMatchObject({ state: 'failed', failures: [{ actionName: 'train', phase: 'Failed', message: 'container main was OOMKilled' }] });
  });

  it('was aborted when an action was stopped and none failed', () => {
    const outcome = runOutcome([a0, taskAction('eval', { parent: a0, phase: 'aborted' })]);
    expect(outcome).toMatchObject({ state: 'failed', aborted: true, actions: 2 });
    expect(runOutcomeMessage(RUN, outcome)).toBe('Run nightly was aborted (1/2 · 1 aborted): eval aborted (aborted by the user).');
  });

  it('is gone when no action is left', () => {
    expect(runOutcome([])).toEqual({ state: 'gone' });
    expect(runOutcomeMessage(RUN, { state: 'gone' })).toBe('Run nightly was deleted.');
  });

  it('matches actions by run, project, domain, org and namespace', () => {
    expect(belongsTo(a0, RUN)).toBe(true);
    expect(belongsTo(a0, { ...RUN, runName: 'other' })).toBe(false);
    expect(belongsTo(a0, { ...RUN, namespace: 'elsewhere' })).toBe(false);
    expect(belongsTo(a0, { ...RUN, org: 'other' })).toBe(false);
    const { org: _org, ...withoutOrg } = RUN;
    expect(belongsTo(a0, withoutOrg)).toBe(true);
    expect(runKey(RUN)).toBe('flyte/acme/proj/dev/nightly');
  });
});
