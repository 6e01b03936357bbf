import { describe, expect, it, vi } from 'vitest';
import { ErrorKind } from '../../../shared/plugins/execution-error.js';
import { Phase } from '../../../shared/plugins/phase.js';
import {
  DEFAULT_PHASE_VERSION,
  PHASE_INFO_UNDEFINED,
  PhaseInfo,
  SYSTEM_ERROR_CODE,
  phaseInfoAborted,
  phaseInfoFailed,
  phaseInfoFailure,
  phaseInfoFailureWithCleanup,
  phaseInfoInitializing,
  phaseInfoNotReady,
  phaseInfoQueued,
  phaseInfoQueuedWithTaskInfo,
  phaseInfoRetryableFailure,
  phaseInfoRetryableFailureWithCleanup,
  phaseInfoRunning,
  phaseInfoSuccess,
  phaseInfoSystemFailure,
  phaseInfoSystemFailureWithCleanup,
  phaseInfoSystemRetryableFailure,
  phaseInfoSystemRetryableFailureWithCleanup,
  phaseInfoWaitingForCache,
  phaseInfoWaitingForResources,
  phaseInfoWaitingForResourcesInfo,
} from '../../../shared/plugins/phase-info.js';
import { type TaskInfo } from '../../../shared/plugins/task-info.js';

const t = new Date('2024-01-02T03:04:05.600Z');
const now = new Date('2030-06-07T08:09:10Z');

describe('PhaseInfo.withReason (ported from upstream)', () => {
  it.each([
    ['empty initial reason', '', 'new reason', 'new reason'],
    ['existing reason gets concatenated', 'initial reason', 'additional reason', 'initial reason, additional reason'],
    [
      'multiple concatenations',
      'first reason, second reason',
      'third reason',
      'first reason, second reason, third reason',
    ],
    ['empty new reason', 'existing reason', '', 'existing reason, '],
  ])('%s', (_, initialReason, newReason, expectedReason) => {
    const phaseInfo = new PhaseInfo({ phase: Phase.Running, reason: initialReason });
    expect(phaseInfo.withReason(newReason).reason).toBe(expectedReason);
  });

  it('does not affect other fields', () => {
    const info: TaskInfo = {};
    const phaseInfo = new PhaseInfo({ phase: Phase.Running, version: 1, info, reason: 'initial' });
    const next = phaseInfo.withReason('additional');
    expect(next.phase).toBe(Phase.Running);
    expect(next.version).toBe(1);
    expect(next.info).toBe(info);
    expect(next.reason).toBe('initial, additional');
  });

  it('keeps the error and cleanupOnFailure, and leaves the original as it was', () => {
    const failure = phaseInfoFailureWithCleanup('Code', 'msg');
    const next = failure.withReason('more');
    expect(next.err).toBe(failure.err);
    expect(next.cleanupOnFailure).toBe(true);
    expect(failure.reason).toBe('');
  });
});

describe('PhaseInfo.withVersion', () => {
  it('copies with the new version and drops cleanupOnFailure, as upstream', () => {
    const info: TaskInfo = { occurredAt: t };
    const original = new PhaseInfo({ phase: Phase.RetryableFailure, version: 1, info, reason: 'r', cleanupOnFailure: true });
    const copy = original.withVersion(5);
    expect(copy).toMatchObject({ phase: Phase.RetryableFailure, version: 5, reason: 'r', cleanupOnFailure: false });
    expect(copy.info).toBe(info);
    expect(original.version).toBe(1);
    expect(original.cleanupOnFailure).toBe(true);
  });
});

describe('constructors', () => {
  it('with a time: NotReady, WaitingForResources, Queued, Aborted use it', () => {
    for (const [make, phase] of [
      [phaseInfoNotReady, Phase.NotReady],
      [phaseInfoWaitingForResources, Phase.WaitingForResources],
      [phaseInfoQueued, Phase.Queued],
      [phaseInfoAborted, Phase.Aborted],
    ] as const) {
      const info = make(t, 3, 'why');
      expect(info).toMatchObject({ phase, version: 3, reason: 'why', err: undefined, cleanupOnFailure: false });
      expect(info.info?.occurredAt).toBe(t);
    }
  });

  it('with a task info: the time argument is not used, as upstream; the info is kept as the same object', () => {
    vi.useFakeTimers({ now });
    try {
      for (const [make, phase] of [
        [phaseInfoWaitingForResourcesInfo, Phase.WaitingForResources],
        [phaseInfoQueuedWithTaskInfo, Phase.Queued],
        [phaseInfoInitializing, Phase.Initializing],
      ] as const) {
        const given: TaskInfo = { logs: [{ name: 'l', uri: 'u' }] };
        const info = make(t, 2, 'r', given);
        expect(info).toMatchObject({ phase, version: 2, reason: 'r' });
        expect(info.info).toBe(given);
        expect(given.occurredAt).toEqual(now);
        expect(make(t, 0, 'r').info?.occurredAt).toEqual(now);
        const timed: TaskInfo = { occurredAt: t };
        expect(make(now, 0, '', timed).info?.occurredAt).toBe(t);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('Running, Success, WaitingForCache: no reason, info defaults to {} at now', () => {
    vi.useFakeTimers({ now });
    try {
      expect(phaseInfoRunning(4)).toMatchObject({ phase: Phase.Running, version: 4, reason: '', info: { occurredAt: now } });
      expect(phaseInfoSuccess()).toMatchObject({ phase: Phase.Success, version: DEFAULT_PHASE_VERSION, reason: '' });
      expect(phaseInfoSuccess().info).toEqual({ occurredAt: now });
      expect(phaseInfoWaitingForCache(2)).toMatchObject({ phase: Phase.WaitingForCache, version: 2 });
      const given: TaskInfo = { occurredAt: t };
      expect(phaseInfoRunning(1, given).info).toBe(given);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    [phaseInfoFailure, Phase.PermanentFailure, ErrorKind.USER, false],
    [phaseInfoFailureWithCleanup, Phase.PermanentFailure, ErrorKind.USER, true],
    [phaseInfoRetryableFailure, Phase.RetryableFailure, ErrorKind.USER, false],
    [phaseInfoRetryableFailureWithCleanup, Phase.RetryableFailure, ErrorKind.USER, true],
    [phaseInfoSystemFailure, Phase.PermanentFailure, ErrorKind.SYSTEM, false],
    [phaseInfoSystemFailureWithCleanup, Phase.PermanentFailure, ErrorKind.SYSTEM, true],
    [phaseInfoSystemRetryableFailure, Phase.RetryableFailure, ErrorKind.SYSTEM, false],
    [phaseInfoSystemRetryableFailureWithCleanup, Phase.RetryableFailure, ErrorKind.SYSTEM, true],
  ])('%o: phase %s, kind %s, cleanup %s, version 0, empty reason', (make, phase, kind, cleanup) => {
    const info = make('OOMKilled', 'out of memory');
    expect(info.phase).toBe(phase);
    expect(info.version).toBe(0);
    expect(info.reason).toBe('');
    expect(info.cleanupOnFailure).toBe(cleanup);
    expect(info.err).toEqual({ code: 'OOMKilled', message: 'out of memory', kind });
    expect(info.info?.occurredAt).toBeInstanceOf(Date);
  });

  it('Failed keeps the given error, even none, at version 0', () => {
    const err = { code: SYSTEM_ERROR_CODE, message: 'boom', kind: ErrorKind.SYSTEM };
    expect(phaseInfoFailed(Phase.PermanentFailure, err)).toMatchObject({ phase: Phase.PermanentFailure, version: 0, err });
    const none = phaseInfoFailed(Phase.RetryableFailure, undefined, { occurredAt: t });
    expect(none.err).toBeUndefined();
    expect(none.cleanupOnFailure).toBe(false);
  });

  it('Undefined has no info', () => {
    expect(PHASE_INFO_UNDEFINED).toMatchObject({ phase: Phase.Undefined, version: 0, reason: '', info: undefined, err: undefined });
  });
});

describe('PhaseInfo.toString', () => {
  it('formats the undefined info', () => {
    expect(PHASE_INFO_UNDEFINED.toString()).toBe('Phase<PhaseUndefined:0 <nil> Reason:>');
    expect(String(PHASE_INFO_UNDEFINED)).toBe('Phase<PhaseUndefined:0 <nil> Reason:>');
  });

  it('formats phase, version, info time (Go time format) and reason', () => {
    expect(phaseInfoQueued(t, 2, 'task submitted to K8s').toString()).toBe(
      'Phase<PhaseQueued:2 Info<@2024-01-02 03:04:05.6 +0000 UTC> Reason:task submitted to K8s>',
    );
    expect(phaseInfoRunning(1, { occurredAt: new Date('2024-01-02T03:04:05Z') }).toString()).toBe(
      'Phase<PhaseRunning:1 Info<@2024-01-02 03:04:05 +0000 UTC> Reason:>',
    );
    expect(new PhaseInfo({ phase: Phase.Running, info: {} }).toString()).toBe('Phase<PhaseRunning:0 Info<@<nil>> Reason:>');
  });

  it('formats an error instead of info and reason', () => {
    expect(phaseInfoFailure('OOMKilled', 'out of memory').toString()).toBe(
      'Phase<PhasePermanentFailure:0 Error:code:"OOMKilled" message:"out of memory" kind:USER>',
    );
    expect(phaseInfoSystemRetryableFailure('ResourceDeletedExternally', 'gone').withReason('x').toString()).toBe(
      'Phase<PhaseRetryableFailure:0 Error:code:"ResourceDeletedExternally" message:"gone" kind:SYSTEM>',
    );
    expect(phaseInfoFailed(Phase.PermanentFailure, { code: '', message: 'm', kind: ErrorKind.UNKNOWN }).toString()).toBe(
      'Phase<PhasePermanentFailure:0 Error:message:"m">',
    );
  });
});
