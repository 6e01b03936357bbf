import { describe, expect, it } from 'vitest';
import { Phase } from '../../../shared/plugins/phase.js';
import {
  PHASE_INFO_UNDEFINED,
  PhaseInfo,
  phaseInfoAborted,
  phaseInfoFailure,
  phaseInfoInitializing,
  phaseInfoNotReady,
  phaseInfoQueued,
  phaseInfoRetryableFailure,
  phaseInfoRunning,
  phaseInfoSuccess,
  phaseInfoSystemFailure,
  phaseInfoWaitingForCache,
  phaseInfoWaitingForResourcesInfo,
} from '../../../shared/plugins/phase-info.js';
import { MAX_CONDITION_MESSAGE, phaseRecord, rejectionRecord } from '../../../shared/executor/phase-conditions.js';

const t = new Date('2025-01-02T03:04:05Z');

describe('phase -> conditions (Flyte\'s table)', () => {
  it.each([
    ['NotReady', phaseInfoNotReady(t, 0, 'not ready')],
    ['WaitingForResources', phaseInfoWaitingForResourcesInfo(t, 0, 'quota full')],
    ['Queued', phaseInfoQueued(t, 0, 'task submitted to K8s')],
    ['WaitingForCache', phaseInfoWaitingForCache(0).withReason('cache busy')],
  ])('%s reads as Progressing=True [Queued] with the reason as message', (_name, info) => {
    const record = phaseRecord(info);
    expect(record).toEqual({
      historyPhase: 'Queued',
      message: info.reason,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'Queued', message: info.reason }],
    });
  });

  it('Initializing and Running are Progressing=True with their own reasons', () => {
    expect(phaseRecord(phaseInfoInitializing(t, 0, 'pulling'))?.conditions).toEqual([
      { type: 'Progressing', status: 'True', reason: 'Initializing', message: 'pulling' },
    ]);
    const running = phaseRecord(phaseInfoRunning(1));
    expect(running?.historyPhase).toBe('Executing');
    expect(running?.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'Executing', message: '' }]);
  });

  it('Success ends Progressing and sets Succeeded with Flyte\'s fixed messages', () => {
    expect(phaseRecord(phaseInfoSuccess())).toEqual({
      historyPhase: 'Completed',
      message: 'TaskAction completed successfully',
      conditions: [
        { type: 'Progressing', status: 'False', reason: 'Completed', message: 'TaskAction has completed' },
        { type: 'Succeeded', status: 'True', reason: 'Completed', message: 'TaskAction completed successfully' },
      ],
    });
  });

  it('PermanentFailure ends Progressing, sets Failed, and keeps the error (code, kind, message)', () => {
    expect(phaseRecord(phaseInfoFailure('OOMKilled', '[main] terminated with exit code 137'))).toEqual({
      historyPhase: 'PermanentFailure',
      message: '[main] terminated with exit code 137',
      conditions: [
        { type: 'Progressing', status: 'False', reason: 'PermanentFailure', message: '[main] terminated with exit code 137' },
        { type: 'Failed', status: 'True', reason: 'PermanentFailure', message: '[main] terminated with exit code 137' },
      ],
      errorState: { code: 'OOMKilled', kind: 'USER', message: '[main] terminated with exit code 137' },
    });
    expect(phaseRecord(phaseInfoSystemFailure('X', 'boom'))?.errorState).toEqual({ code: 'X', kind: 'SYSTEM', message: 'boom' });
  });

  it('RetryableFailure keeps Progressing=True [RetryableFailure] and records the error', () => {
    const record = phaseRecord(phaseInfoRetryableFailure('Error', 'exit 3'));
    expect(record?.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'RetryableFailure', message: 'exit 3' }]);
    expect(record?.errorState).toEqual({ code: 'Error', kind: 'USER', message: 'exit 3' });
  });

  it('a failure without an error uses the reason as message', () => {
    const bare = new PhaseInfo({ phase: Phase.PermanentFailure, reason: 'why' });
    expect(phaseRecord(bare)?.message).toBe('why');
    expect(phaseRecord(bare)?.errorState).toBeUndefined();
  });

  it('Aborted ends Progressing and sets Failed [Aborted]', () => {
    expect(phaseRecord(phaseInfoAborted(t, 0, 'aborted'))?.conditions).toEqual([
      { type: 'Progressing', status: 'False', reason: 'Aborted', message: 'TaskAction was aborted' },
      { type: 'Failed', status: 'True', reason: 'Aborted', message: 'TaskAction was aborted' },
    ]);
  });

  it('PhaseUndefined records nothing', () => {
    expect(phaseRecord(PHASE_INFO_UNDEFINED)).toBeUndefined();
  });

  it('cuts messages to the CRD\'s limit', () => {
    const record = phaseRecord(phaseInfoFailure('Error', 'x'.repeat(MAX_CONDITION_MESSAGE + 10)));
    for (const condition of record?.conditions ?? []) expect(condition.message).toHaveLength(MAX_CONDITION_MESSAGE);
  });

  it('a rejected action sets Failed before Progressing, both with the reason and message', () => {
    expect(rejectionRecord('InvalidSpec', 'required spec fields are empty: [taskType]').conditions).toEqual([
      { type: 'Failed', status: 'True', reason: 'InvalidSpec', message: 'required spec fields are empty: [taskType]' },
      { type: 'Progressing', status: 'False', reason: 'InvalidSpec', message: 'required spec fields are empty: [taskType]' },
    ]);
  });
});
