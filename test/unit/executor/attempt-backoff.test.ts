import { describe, expect, it } from 'vitest';
import { attemptBackoffMs, DEFAULT_ATTEMPT_BACKOFF, remainingBackoffMs, retryWaitMessage } from '../../../shared/executor/attempt-backoff.js';
import { nextStatus } from '../../../shared/executor/next-status.js';
import { newRoundStatus } from '../../../shared/executor/retry-round.js';
import { nextAttemptAt, parseStateJson } from '../../../shared/task-action/execution-ledger.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

const t0 = new Date('2026-01-02T03:04:05.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('attemptBackoffMs', () => {
  it('waits 10 s before the second attempt, doubling per failure of the round, never above 5 minutes', () => {
    const schedule = [1, 2, 3, 4, 5, 6, 7, 10].map((failed) => attemptBackoffMs(failed, DEFAULT_ATTEMPT_BACKOFF));
    expect(schedule).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('follows the limits it is given, and retries at once with a backoff of 0', () => {
    expect([1, 2, 3, 4].map((failed) => attemptBackoffMs(failed, { initial: 1000, max: 3000 }))).toEqual([1000, 2000, 3000, 3000]);
    expect(attemptBackoffMs(5, { initial: 0, max: 300_000 })).toBe(0);
  });
});

describe('the backoff schedule in the status', () => {
  const failed = nextStatus(undefined, { attempts: 2, nextAttemptAt: later(10_000), actionId: 'r1/a0', now: t0 });

  it('is kept in stateJson, which every CRD keeps, and read back from there', () => {
    expect(parseStateJson(failed.stateJson).nextAttemptAt).toBe('2026-01-02T03:04:15.000Z');
    expect(nextAttemptAt(failed)?.toISOString()).toBe('2026-01-02T03:04:15.000Z');
  });

  it('says how long the attempt must still wait, and nothing once its time has come', () => {
    expect(remainingBackoffMs(failed, later(2_500))).toBe(7_500);
    expect(remainingBackoffMs(failed, later(10_000))).toBeUndefined();
    expect(remainingBackoffMs(failed, later(60_000))).toBeUndefined();
    expect(remainingBackoffMs(undefined, t0)).toBeUndefined();
  });

  it('survives writes that do not mention it, and is dropped when the attempt starts', () => {
    const acknowledged = nextStatus(failed, { retryRound: { retryRequest: 'x' }, actionId: 'r1/a0', now: later(1000) });
    expect(nextAttemptAt(acknowledged)?.toISOString()).toBe('2026-01-02T03:04:15.000Z');
    const started = nextStatus(acknowledged, { attempts: 2, nextAttemptAt: null, actionId: 'r1/a0', now: later(10_000) });
    expect(nextAttemptAt(started)).toBeUndefined();
    expect(parseStateJson(started.stateJson)).toEqual({ attempts: 2, retryRequest: 'x' });
  });

  it('is dropped by a new round of attempts asked for by a person', () => {
    const action = {
      spec: { runName: 'r1', actionName: 'a0' },
      metadata: { name: 'r1-a0', namespace: 'ns' },
      status: { ...failed, conditions: [{ type: 'Failed', status: 'True', reason: 'PermanentFailure', message: 'x', lastTransitionTime: t0.toISOString() }] },
    } as unknown as TaskAction;
    expect(nextAttemptAt(newRoundStatus(action, 'again', later(1000)))).toBeUndefined();
  });

  it('ignores a time that does not parse, as another writer may have left anything there', () => {
    expect(nextAttemptAt({ stateJson: '{"nextAttemptAt":"soon"}' })).toBeUndefined();
    expect(nextAttemptAt({ stateJson: '{"nextAttemptAt":42}' })).toBeUndefined();
  });
});

describe('retryWaitMessage', () => {
  it('names the wait and the attempt that follows it', () => {
    expect(retryWaitMessage(20_000, 3, 4)).toBe('retrying in 20s (attempt 3 of 4)');
    expect(retryWaitMessage(300_000, 7, 11)).toBe('retrying in 5m (attempt 7 of 11)');
    expect(retryWaitMessage(250, 2, 2)).toBe('retrying in 250ms (attempt 2 of 2)');
  });
});
