import { describe, expect, it } from 'vitest';
import { type RunStatus, runRefSelector, runStatusLine } from '../../../shared/runs/index.js';

function status(overrides: Partial<RunStatus>): RunStatus {
  return {
    phase: 'Succeeded',
    finished: true,
    total: 10,
    succeeded: 10,
    failed: 0,
    skipped: 0,
    aborted: 0,
    active: 0,
    pending: 0,
    progress: '10/10',
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:02:13Z',
    ...overrides,
  };
}

describe('runStatusLine', () => {
  it('says the phase, progress, what went wrong and how long a finished run took', () => {
    expect(runStatusLine('r1', status({}))).toBe('run r1 Succeeded 10/10 in 2m13s');
    expect(runStatusLine('r1', status({ phase: 'Failed', succeeded: 9, failed: 1, progress: '9/10' }))).toBe('run r1 Failed 9/10 (1 failed) in 2m13s');
    expect(runStatusLine('r1', status({ phase: 'Aborted', succeeded: 7, failed: 1, aborted: 2, progress: '7/10' }))).toBe(
      'run r1 Aborted 7/10 (1 failed, 2 aborted) in 2m13s',
    );
  });

  it('says how long an unfinished run has been going, and nothing about time before it started', () => {
    const running = status({ phase: 'Running', finished: false, succeeded: 3, active: 7, progress: '3/10', finishedAt: undefined });
    expect(runStatusLine('r1', running, new Date('2026-01-01T00:00:42Z'))).toBe('run r1 Running 3/10 for 42s');
    const pending = status({ phase: 'Pending', finished: false, succeeded: 0, pending: 10, progress: '0/10', finishedAt: undefined });
    expect(runStatusLine('r1', pending)).toBe('run r1 Pending 0/10');
  });
});

describe('runRefSelector', () => {
  it('matches the run in any project unless the reference narrows it', () => {
    expect(runRefSelector({ namespace: 'flyte', runName: 'r1' })).toBe('flyte.org/run=r1');
    expect(runRefSelector({ namespace: 'flyte', runName: 'r1', project: 'ml', domain: 'prod', org: '' })).toBe(
      'flyte.org/project=ml,flyte.org/domain=prod,flyte.org/run=r1',
    );
  });
});
