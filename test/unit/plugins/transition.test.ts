import { describe, expect, it } from 'vitest';
import { Phase } from '../../../shared/plugins/phase.js';
import { PHASE_INFO_UNDEFINED, phaseInfoSuccess } from '../../../shared/plugins/phase-info.js';
import {
  TransitionType,
  UNKNOWN_TRANSITION,
  doTransition,
  doTransitionType,
  transitionTypeFromString,
  transitionTypeToString,
} from '../../../shared/plugins/transition.js';

describe('TransitionType (ported from upstream)', () => {
  it('String', () => {
    expect(transitionTypeToString(TransitionType.Barrier)).toBe('TransitionTypeBarrier');
    expect(transitionTypeToString(TransitionType.Ephemeral)).toBe('TransitionTypeEphemeral');
    expect(transitionTypeToString(2 as TransitionType)).toBe('TransitionType(2)');
  });

  it('lookup by name', () => {
    expect(transitionTypeFromString('TransitionTypeBarrier')).toBe(TransitionType.Barrier);
    expect(() => transitionTypeFromString('Barrier')).toThrow('Barrier does not belong to TransitionType values');
  });
});

describe('Transition (ported from upstream)', () => {
  it('Example Transition.String', () => {
    const trns = doTransitionType(TransitionType.Barrier, PHASE_INFO_UNDEFINED);
    expect(trns.toString()).toBe('TransitionTypeBarrier,Phase<PhaseUndefined:0 <nil> Reason:>');
  });

  describe('doTransition', () => {
    it('unknown', () => {
      const trns = doTransition(PHASE_INFO_UNDEFINED);
      expect(trns.type).toBe(TransitionType.Ephemeral);
      expect(trns.info).toBe(PHASE_INFO_UNDEFINED);
      expect(trns.info.phase).toBe(Phase.Undefined);
    });

    it('someInfo', () => {
      const pInfo = phaseInfoSuccess();
      const trns = doTransition(pInfo);
      expect(trns.type).toBe(TransitionType.Ephemeral);
      expect(trns.info).toBe(pInfo);
      expect(trns.info.phase).toBe(Phase.Success);
    });
  });

  describe('doTransitionType', () => {
    it('unknown', () => {
      const trns = doTransitionType(TransitionType.Barrier, PHASE_INFO_UNDEFINED);
      expect(trns.type).toBe(TransitionType.Barrier);
      expect(trns.info).toBe(PHASE_INFO_UNDEFINED);
      expect(trns.info.phase).toBe(Phase.Undefined);
    });

    it('someInfo', () => {
      const pInfo = phaseInfoSuccess();
      const trns = doTransitionType(TransitionType.Barrier, pInfo);
      expect(trns.type).toBe(TransitionType.Barrier);
      expect(trns.info).toBe(pInfo);
      expect(trns.info.phase).toBe(Phase.Success);
    });
  });

  it('UnknownTransition is ephemeral and undefined', () => {
    expect(UNKNOWN_TRANSITION.type).toBe(TransitionType.Ephemeral);
    expect(UNKNOWN_TRANSITION.info).toBe(PHASE_INFO_UNDEFINED);
    expect(String(UNKNOWN_TRANSITION)).toBe('TransitionTypeEphemeral,Phase<PhaseUndefined:0 <nil> Reason:>');
  });
});
