import { describe, expect, it } from 'vitest';
import { deletedAttemptDetails } from '../../../shared/describe/attempt-details.js';
import { type ActionDetails } from '../../../shared/describe/action-details.js';
import { renderActionDetails } from '../../../shared/describe/describe-text.js';
import { type Pod } from '../../../shared/kube/pod.js';
import { attemptsWithoutPods } from '../../../shared/logs/action-attempts.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

const action = (attempts: number) => ({ metadata: { uid: 'u' }, spec: {}, status: { attempts } }) as unknown as TaskAction;
const pod = (attempt: number) => ({ metadata: { name: `p-a${attempt}`, labels: { 'kueue.dev/attempt': String(attempt) } } }) as Pod;

describe('attemptsWithoutPods', () => {
  it('names the attempts older than the oldest Pod left: their Pods were deleted', () => {
    expect(attemptsWithoutPods(action(6), [pod(5), pod(6)])).toEqual([1, 2, 3, 4]);
    expect(attemptsWithoutPods(action(2), [pod(1), pod(2)])).toEqual([]);
  });

  it('leaves out the attempt running now, whose Pod may not exist yet', () => {
    expect(attemptsWithoutPods(action(1), [])).toEqual([]);
    expect(attemptsWithoutPods(action(3), [])).toEqual([1, 2]);
  });
});

describe('describe of an action that waits for its next attempt', () => {
  const details: ActionDetails = {
    name: 'r-a0', namespace: 'ns', run: 'r', action: 'a0', phase: 'Retrying', after: [],
    task: { taskType: 'container', retries: 5 }, conditions: [], phaseHistory: [],
    attempts: [deletedAttemptDetails(1), { attempt: 2, pod: 'r-a0-a2', phase: 'Failed', exitCode: 1 }],
    nextAttempt: { attempt: 3, at: '2026-01-01T00:00:20.000Z' },
    events: [],
  };

  it('says when the next attempt starts, and which attempt lost its Pod', () => {
    const text = renderActionDetails(details, Date.parse('2026-01-01T00:00:00.000Z'));
    expect(text).toContain('Next Attempt: 3, at 2026-01-01T00:00:20.000Z (in 20s)\n');
    expect(text).toMatch(/\n {2}1 +Deleted +deleted: the executor keeps only the latest attempts' Pods \(executor --keep-attempt-pods\)\n/);
    expect(text).toMatch(/\n {2}2 +r-a0-a2 +Failed/);
  });

  it('says no more than the time once it has passed', () => {
    expect(renderActionDetails(details, Date.parse('2026-01-01T00:01:00.000Z'))).toContain('Next Attempt: 3, at 2026-01-01T00:00:20.000Z\n');
  });
});
