import { describe, expect, it } from 'vitest';
import { ErrorKind } from '../../../shared/plugins/execution-error.js';
import { Phase } from '../../../shared/plugins/phase.js';
import {
  PhaseInfo,
  phaseInfoRetryableFailure,
  phaseInfoRunning,
  phaseInfoSuccess,
  phaseInfoSystemRetryableFailure,
} from '../../../shared/plugins/phase-info.js';
import { type FailureBudget, decideRound, decideSystemError } from '../../../shared/executor/retry-policy.js';

const budget = (overrides: Partial<FailureBudget> = {}): FailureBudget => ({
  attempt: 1,
  maxAttempts: 3,
  systemFailures: 0,
  maxSystemFailures: 3,
  pluginId: 'container',
  ...overrides,
});

describe('decideRound', () => {
  it('records progress and success as they are', () => {
    const running = phaseInfoRunning(0);
    expect(decideRound(running, budget())).toEqual({ kind: 'record', info: running });
    const success = phaseInfoSuccess();
    expect(decideRound(success, budget({ systemFailures: 2 }))).toEqual({ kind: 'record', info: success });
  });

  it('retries a user failure while attempts remain', () => {
    const failed = phaseInfoRetryableFailure('Error', 'exit 3');
    expect(decideRound(failed, budget({ attempt: 1 }))).toEqual({ kind: 'retry', info: failed, nextAttempt: 2 });
    expect(decideRound(failed, budget({ attempt: 2 }))).toEqual({ kind: 'retry', info: failed, nextAttempt: 3 });
  });

  it('turns the last attempt\'s user failure into a permanent failure with the same error', () => {
    const decision = decideRound(phaseInfoRetryableFailure('OOMKilled', 'out of memory'), budget({ attempt: 3 }));
    expect(decision.kind).toBe('fail');
    if (decision.kind !== 'fail') return;
    expect(decision.info.phase).toBe(Phase.PermanentFailure);
    expect(decision.info.err).toEqual({ code: 'OOMKilled', message: 'out of memory', kind: ErrorKind.USER });
    expect(decision.systemFailures).toBeUndefined();
  });

  it('without retries, the first user failure is permanent', () => {
    expect(decideRound(phaseInfoRetryableFailure('Error', 'x'), budget({ maxAttempts: 1 })).kind).toBe('fail');
  });

  it('names the attempts when a failure comes without an error', () => {
    const decision = decideRound(new PhaseInfo({ phase: Phase.RetryableFailure }), budget({ attempt: 1, maxAttempts: 1 }));
    expect(decision.kind === 'fail' && decision.info.err).toEqual({ kind: ErrorKind.USER, code: 'MaxRetriesExceeded', message: 'task failed after 1 attempt(s)' });
  });

  it('counts a SYSTEM retryable failure against the system budget, not the attempts, and starts the attempt over', () => {
    const lost = phaseInfoSystemRetryableFailure('ResourceDeletedExternally', 'Pod gone');
    expect(decideRound(lost, budget({ attempt: 3, systemFailures: 1 }))).toEqual({
      kind: 'system-retry',
      systemFailures: 2,
      message: '[ResourceDeletedExternally] Pod gone',
      reset: true,
    });
  });
});

describe('decideSystemError', () => {
  it('tolerates maxSystemFailures errors in a row, then fails with MaxSystemFailuresExceeded', () => {
    expect(decideSystemError('timeout', budget({ systemFailures: 2 }), false)).toEqual({ kind: 'system-retry', systemFailures: 3, message: 'timeout', reset: false });
    const decision = decideSystemError('timeout', budget({ systemFailures: 3 }), false);
    expect(decision.kind).toBe('fail');
    if (decision.kind !== 'fail') return;
    expect(decision.systemFailures).toBe(4);
    expect(decision.info.phase).toBe(Phase.PermanentFailure);
    expect(decision.info.err).toEqual({
      kind: ErrorKind.SYSTEM,
      code: 'MaxSystemFailuresExceeded',
      message: 'plugin "container" failed with system error 4 times: timeout',
    });
  });

  it('with a budget of 0 fails at the first system error', () => {
    expect(decideSystemError('x', budget({ maxSystemFailures: 0 }), true).kind).toBe('fail');
  });
});
