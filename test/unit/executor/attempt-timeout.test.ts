import { describe, expect, it } from 'vitest';
import { attemptClock, attemptStartedAt, TIMEOUT_ERROR_CODE } from '../../../shared/executor/attempt-timeout.js';
import { phaseRecord } from '../../../shared/executor/phase-conditions.js';
import { decideRound } from '../../../shared/executor/retry-policy.js';
import { ErrorKind } from '../../../shared/plugins/execution-error.js';
import { Phase } from '../../../shared/plugins/phase.js';
import { phaseInfoQueued, phaseInfoRunning, phaseInfoSuccess } from '../../../shared/plugins/phase-info.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 1, 1, 10, 0, seconds)).toISOString();
const entry = (phase: string, seconds: number) => ({ phase, occurredAt: at(seconds) });

describe('attemptStartedAt', () => {
  it('is the first started phase of the current attempt, not its time in the queue', () => {
    expect(attemptStartedAt(undefined)).toBeUndefined();
    expect(attemptStartedAt([entry('Queued', 0)])).toBeUndefined();
    expect(attemptStartedAt([entry('Queued', 0), entry('Initializing', 5), entry('Executing', 9)])?.toISOString()).toBe(at(5));
  });

  it('starts again after a failed, timed-out or retried attempt', () => {
    const history = [entry('Queued', 0), entry('Executing', 1), entry('Timeout', 3), entry('Queued', 4), entry('Executing', 6)];
    expect(attemptStartedAt(history)?.toISOString()).toBe(at(6));
    expect(attemptStartedAt([...history, entry('RetryableFailure', 8), entry('Queued', 9)])).toBeUndefined();
    expect(attemptStartedAt([entry('Executing', 1), entry('PermanentFailure', 2), entry('Queued', 3), entry('Initializing', 7)])?.toISOString()).toBe(at(7));
  });
});

describe('attemptClock', () => {
  const history = [entry('Queued', 0), entry('Executing', 10)];

  it('has nothing to do without a timeout, before the attempt starts, or when the attempt just ended', () => {
    expect(attemptClock(undefined, history, phaseInfoRunning(0), new Date(at(50)))).toBeUndefined();
    expect(attemptClock(0, history, phaseInfoRunning(0), new Date(at(50)))).toBeUndefined();
    expect(attemptClock(2, [entry('Queued', 0)], phaseInfoQueued(new Date(), 0, 'waiting'), new Date(at(50)))).toBeUndefined();
    expect(attemptClock(2, history, phaseInfoSuccess(), new Date(at(50)))).toBeUndefined();
  });

  it('gives the deadline while in time, so the engine looks again then', () => {
    expect(attemptClock(2.5, history, phaseInfoRunning(0), new Date(at(11)))).toEqual({ kind: 'running', deadline: new Date(Date.parse(at(12)) + 500) });
    // The first round that sees the attempt started starts its clock.
    expect(attemptClock(2, [entry('Queued', 0)], phaseInfoRunning(0), new Date(at(30)))).toEqual({ kind: 'running', deadline: new Date(at(32)) });
  });

  it('fails an attempt over its time with reason Timeout, as a USER failure that uses a retry', () => {
    const clock = attemptClock(2, history, phaseInfoRunning(0), new Date(at(12)));
    expect(clock?.kind).toBe('expired');
    if (clock?.kind !== 'expired') return;
    expect(clock.info.phase).toBe(Phase.RetryableFailure);
    expect(clock.info.err).toMatchObject({ kind: ErrorKind.USER, code: TIMEOUT_ERROR_CODE, message: 'the attempt ran longer than its timeout of 2s' });
    expect(clock.info.cleanupOnFailure).toBe(true);
    const budget = { maxAttempts: 2, systemFailures: 0, maxSystemFailures: 3, pluginId: 'container' };
    const retried = decideRound(clock.info, { ...budget, attempt: 1 });
    expect(retried.kind).toBe('retry');
    expect(phaseRecord(clock.info)?.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'Timeout', message: 'the attempt ran longer than its timeout of 2s' }]);
    const failed = decideRound(clock.info, { ...budget, attempt: 2 });
    expect(failed.kind).toBe('fail');
    if (failed.kind !== 'fail') return;
    expect(phaseRecord(failed.info)?.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Progressing=False/Timeout', 'Failed=True/Timeout']);
    expect(phaseRecord(failed.info)?.errorState).toEqual({ code: 'Timeout', kind: 'USER', message: 'the attempt ran longer than its timeout of 2s' });
  });
});
