import { describe, expect, it } from 'vitest';
import {
  PHASES,
  Phase,
  isAbortedPhase,
  isFailurePhase,
  isPhase,
  isSuccessPhase,
  isTerminalPhase,
  isWaitingForResourcesPhase,
  phaseFromString,
  phaseToString,
} from '../../../shared/plugins/phase.js';

const names = [
  'PhaseUndefined',
  'PhaseNotReady',
  'PhaseWaitingForResources',
  'PhaseQueued',
  'PhaseInitializing',
  'PhaseRunning',
  'PhaseSuccess',
  'PhaseRetryableFailure',
  'PhasePermanentFailure',
  'PhaseWaitingForCache',
  'PhaseAborted',
];

describe('Phase', () => {
  it('has Flyte values in Flyte order', () => {
    expect(PHASES).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([Phase.Undefined, Phase.Queued, Phase.Running, Phase.Success, Phase.Aborted]).toEqual([0, 3, 5, 6, 10]);
    expect(PHASES.map(phaseToString)).toEqual(names);
  });

  it('prints values outside the enum as Go does', () => {
    expect(phaseToString(11 as Phase)).toBe('Phase(11)');
    expect(phaseToString(-1 as Phase)).toBe('Phase(-1)');
    expect(isPhase(11)).toBe(false);
    expect(isPhase(-1)).toBe(false);
    expect(PHASES.every(isPhase)).toBe(true);
  });

  it('looks names up exactly', () => {
    names.forEach((name, value) => expect(phaseFromString(name)).toBe(value));
    expect(() => phaseFromString('Running')).toThrow(new Error('Running does not belong to Phase values'));
    expect(() => phaseFromString('phaserunning')).toThrow('phaserunning does not belong to Phase values');
    expect(() => phaseFromString('')).toThrow(' does not belong to Phase values');
  });

  const table: [Phase, { terminal: boolean; failure: boolean; success: boolean; aborted: boolean; waiting: boolean }][] =
    PHASES.map((phase) => [
      phase,
      {
        terminal: [Phase.Success, Phase.RetryableFailure, Phase.PermanentFailure, Phase.Aborted].includes(phase),
        failure: [Phase.RetryableFailure, Phase.PermanentFailure].includes(phase),
        success: phase === Phase.Success,
        aborted: phase === Phase.Aborted,
        waiting: phase === Phase.WaitingForResources,
      },
    ]);

  it.each(table)('predicates of %s', (phase, expected) => {
    expect({
      terminal: isTerminalPhase(phase),
      failure: isFailurePhase(phase),
      success: isSuccessPhase(phase),
      aborted: isAbortedPhase(phase),
      waiting: isWaitingForResourcesPhase(phase),
    }).toEqual(expected);
  });
});
