import { describe, expect, it } from 'vitest';
import { abortCleanupReport, type CleanupOutcome } from '../../../shared/queue/index.js';

const NOTHING: CleanupOutcome = { by: 'abort', executor: 'absent', leaseName: 'kueue-executor', objectsDeleted: [], finalizersRemoved: 0, leftRunning: {}, leftHeld: 0 };

describe('abortCleanupReport', () => {
  it('says abort ended the work itself, and why', () => {
    expect(abortCleanupReport({ ...NOTHING, objectsDeleted: ['pod/a', 'pod/b'], finalizersRemoved: 3 }, 'flyte')).toEqual([
      'no executor holds Lease kueue-executor in namespace flyte: abort deleted 2 Pods and removed the finalizer flyte.org/plugin-finalizer from 3 TaskActions itself',
    ]);
    expect(abortCleanupReport({ ...NOTHING, executor: 'unknown', objectsDeleted: ['pod/a'], finalizersRemoved: 1 }, 'flyte')).toEqual([
      '--cleanup=always: abort deleted 1 Pod and removed the finalizer flyte.org/plugin-finalizer from 1 TaskAction itself',
    ]);
  });

  it('says nothing when there was nothing to end, or an executor does it', () => {
    expect(abortCleanupReport(NOTHING, 'flyte')).toEqual([]);
    expect(abortCleanupReport({ ...NOTHING, by: 'executor', executor: 'running', leftRunning: { Pod: 2 }, leftHeld: 2 }, 'flyte')).toEqual([]);
    // --cleanup=never with an unreadable Lease: nothing known to warn about.
    expect(abortCleanupReport({ ...NOTHING, by: 'executor', executor: 'unknown', leftRunning: { Pod: 2 }, leftHeld: 2 }, 'flyte')).toEqual([]);
  });

  it('warns about what keeps running when told to leave it to an executor that is not there', () => {
    expect(abortCleanupReport({ ...NOTHING, by: 'executor', leftRunning: { Pod: 1 }, leftHeld: 2 }, 'team')).toEqual([
      'warning: no executor holds Lease kueue-executor in namespace team: 1 Pod keeps running and 2 TaskActions stay until an executor removes ' +
        'the finalizer flyte.org/plugin-finalizer; start one (kubectl kueue executor -n team) or abort again with --cleanup=auto',
    ]);
    expect(abortCleanupReport({ ...NOTHING, by: 'executor' }, 'team')).toEqual([]);
  });
});
