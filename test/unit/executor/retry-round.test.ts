import { describe, expect, it } from 'vitest';
import { acknowledgedStatus, newRoundStatus, retryHandling } from '../../../shared/executor/retry-round.js';
import { nextStatus } from '../../../shared/executor/next-status.js';
import { decideRound } from '../../../shared/executor/retry-policy.js';
import { phaseInfoRetryableFailure } from '../../../shared/plugins/phase-info.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { executionLedger, parseStateJson } from '../../../shared/task-action/execution-ledger.js';
import { isNewRetryRequest, nextRetryRequestValue, pendingRetryRequest, RETRY_ANNOTATION, roundFirstAttempt } from '../../../shared/task-action/retry-request.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { storedTaskAction } from './task-action-fixture.js';

const NOW = new Date('2026-02-01T10:00:00Z');
const T0 = '2026-02-01T09:00:00Z';

function failedAction(options: { request?: string; acknowledged?: string; attempts?: number; reason?: string; succeeded?: boolean } = {}): TaskAction {
  const action = storedTaskAction(containerTaskTemplate({ image: 'busybox', command: ['false'], retries: 1 }), {
    ...(options.request !== undefined ? { annotations: { [RETRY_ANNOTATION]: options.request } } : {}),
  });
  const terminal = options.succeeded === true ? { type: 'Succeeded', reason: 'Completed' } : { type: 'Failed', reason: options.reason ?? 'PermanentFailure' };
  action.status = {
    conditions: [
      { type: 'Progressing', status: 'False', reason: terminal.reason, message: '', lastTransitionTime: T0 },
      { type: terminal.type, status: 'True', reason: terminal.reason, message: 'exit 1', lastTransitionTime: T0 },
    ],
    phaseHistory: [
      { phase: 'Queued', occurredAt: T0 },
      { phase: terminal.reason, occurredAt: T0 },
    ],
    pluginState: 'c3RhdGU=',
    pluginStateVersion: 1,
    stateJson: JSON.stringify({
      phase: 'PhasePermanentFailure',
      attempts: options.attempts ?? 2,
      systemFailures: 1,
      errorState: { code: 'Error', kind: 'USER', message: 'exit 1' },
      ...(options.acknowledged !== undefined ? { retryRequest: options.acknowledged } : {}),
    }),
  };
  return action;
}

describe('retry requests', () => {
  it('a request is new when it is set and differs from the one taken up, earlier values included', () => {
    expect(isNewRetryRequest(undefined, undefined)).toBe(false);
    expect(isNewRetryRequest('', undefined)).toBe(false);
    expect(isNewRetryRequest('  ', undefined)).toBe(false);
    expect(isNewRetryRequest('2026-02-01T10:00:00.000Z', undefined)).toBe(true);
    expect(isNewRetryRequest('2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z')).toBe(false);
    expect(isNewRetryRequest('2026-02-01T10:00:01.000Z', '2026-02-01T10:00:00.000Z')).toBe(true);
    // A clock that went back still asks again: the executor compares, it does not order.
    expect(isNewRetryRequest('2026-01-01T00:00:00.000Z', '2026-02-01T10:00:00.000Z')).toBe(true);
    expect(isNewRetryRequest('3', '2')).toBe(true);
  });

  it('reads the request taken up from stateJson, which every CRD keeps', () => {
    expect(pendingRetryRequest(failedAction())).toBeUndefined();
    expect(pendingRetryRequest(failedAction({ request: 'r1' }))).toBe('r1');
    expect(pendingRetryRequest(failedAction({ request: 'r1', acknowledged: 'r1' }))).toBeUndefined();
    expect(pendingRetryRequest(failedAction({ request: 'r2', acknowledged: 'r1' }))).toBe('r2');
  });

  it('a new request value differs from the current one even within the same millisecond', () => {
    expect(nextRetryRequestValue(undefined, NOW)).toBe('2026-02-01T10:00:00.000Z');
    expect(nextRetryRequestValue('2026-02-01T10:00:00.000Z', NOW)).not.toBe('2026-02-01T10:00:00.000Z');
  });

  it('starts a new round for a failed action of any reason; succeeded and running ones are only acknowledged', () => {
    expect(retryHandling(failedAction({ request: 'r1' }))).toEqual({ kind: 'new-round', request: 'r1' });
    expect(retryHandling(failedAction({ request: 'r1', reason: 'Aborted' }))).toEqual({ kind: 'new-round', request: 'r1' });
    expect(retryHandling(failedAction({ request: 'r1', reason: 'UpstreamFailed' }))).toEqual({ kind: 'new-round', request: 'r1' });
    expect(retryHandling(failedAction({ request: 'r1', succeeded: true }))).toEqual({ kind: 'acknowledge', request: 'r1' });
    expect(retryHandling(failedAction({ request: 'r1', acknowledged: 'r1' }))).toBeUndefined();
    expect(retryHandling(failedAction())).toBeUndefined();
  });
});

describe('a new round of attempts', () => {
  it('clears the terminal conditions, queues the next attempt, resets streak and plugin state, keeps the record', () => {
    const status = newRoundStatus(failedAction({ request: 'r1', attempts: 2 }), 'r1', NOW);
    expect(status.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Progressing=True/Queued']);
    expect(status.phaseHistory?.map((h) => h.phase)).toEqual(['Queued', 'PermanentFailure', 'Queued']);
    expect(status.phaseHistory?.at(-1)?.message).toBe('retry requested: starting attempt 3');
    expect(status.pluginState).toBeUndefined();
    expect(status.pluginStateVersion).toBe(0);
    expect(status.pluginPhase).toBe('PhaseQueued');
    const ledger = executionLedger(status);
    expect(ledger).toEqual({ attempts: 3, systemFailures: 0, errorState: { code: 'Error', kind: 'USER', message: 'exit 1' } });
    const json = parseStateJson(status.stateJson);
    expect(json.retryRequest).toBe('r1');
    expect(json.roundFirstAttempt).toBe(3);
    expect(roundFirstAttempt(status)).toBe(3);
  });

  it('an action that never ran (no attempt recorded) starts at attempt 1', () => {
    const action = failedAction({ request: 'r1', reason: 'UpstreamFailed' });
    action.status = { ...action.status, stateJson: '{}' };
    expect(executionLedger(newRoundStatus(action, 'r1', NOW)).attempts).toBe(1);
  });

  it('the round is remembered by later writes, and the retries of the template count from its first attempt', () => {
    const started = newRoundStatus(failedAction({ request: 'r1', attempts: 2 }), 'r1', NOW);
    const later = nextStatus(started, { pluginPhase: { name: 'PhaseRunning', version: 0 }, attempts: 3, actionId: 'r1/a0', now: NOW });
    expect(roundFirstAttempt(later)).toBe(3);
    const failure = phaseInfoRetryableFailure('Error', 'exit 1');
    const budget = { maxAttempts: 2, systemFailures: 0, maxSystemFailures: 3, pluginId: 'container', firstAttempt: roundFirstAttempt(later) };
    expect(decideRound(failure, { ...budget, attempt: 3 })).toMatchObject({ kind: 'retry', nextAttempt: 4 });
    expect(decideRound(failure, { ...budget, attempt: 4 }).kind).toBe('fail');
  });

  it('acknowledging keeps the status and the round, and records the request', () => {
    const action = failedAction({ request: 'r2', acknowledged: 'r1', succeeded: true });
    const status = acknowledgedStatus(action, 'r2', NOW);
    expect(status.conditions).toEqual(action.status?.conditions);
    expect(parseStateJson(status.stateJson).retryRequest).toBe('r2');
    expect(executionLedger(status).attempts).toBe(2);
  });
});
