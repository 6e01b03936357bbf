import { describe, expect, it } from 'vitest';
import { filterRuns, runDurationMs, runStatus, summarizeRuns } from '../../../shared/runs/index.js';
import { type Condition, type TaskAction, taskActionLabels } from '../../../shared/task-action/index.js';

type State = 'pending' | 'queued' | 'running' | 'retrying' | 'paused' | 'succeeded' | 'failed' | 'aborted' | 'upstream';

const T0 = '2026-01-01T00:00:00Z';

function conditionsOf(state: State): Condition[] {
  const c = (type: string, status: 'True' | 'False', reason: string): Condition => ({ type, status, reason, message: '', lastTransitionTime: T0 });
  switch (state) {
    case 'pending':
      return [];
    case 'queued':
      return [c('Progressing', 'True', 'Queued')];
    case 'running':
      return [c('Progressing', 'True', 'Executing')];
    case 'retrying':
      return [c('Progressing', 'True', 'RetryableFailure')];
    case 'paused':
      return [c('Progressing', 'True', 'Paused')];
    case 'succeeded':
      return [c('Progressing', 'False', 'Completed'), c('Succeeded', 'True', 'Completed')];
    case 'failed':
      return [c('Progressing', 'False', 'PermanentFailure'), c('Failed', 'True', 'PermanentFailure')];
    case 'aborted':
      return [c('Progressing', 'False', 'Aborted'), c('Failed', 'True', 'Aborted')];
    case 'upstream':
      return [c('Progressing', 'False', 'UpstreamFailed'), c('Failed', 'True', 'UpstreamFailed')];
  }
}

function action(name: string, state: State, options: { run?: string; created?: string; start?: string; end?: string; parent?: string } = {}): TaskAction {
  const history = [
    ...(options.start ? [{ phase: 'Executing', occurredAt: options.start }] : []),
    ...(options.end ? [{ phase: 'Completed', occurredAt: options.end }] : []),
  ];
  return {
    apiVersion: 'flyte.org/v1',
    kind: 'TaskAction',
    metadata: {
      name: `r-${name}`,
      namespace: 'ns',
      uid: `uid-${options.run ?? 'r'}-${name}`,
      creationTimestamp: options.created ?? T0,
      labels: taskActionLabels({ org: 'o', project: 'p', domain: 'd', runName: options.run ?? 'r', actionName: name, parentActionName: options.parent }),
    },
    spec: { runName: options.run ?? 'r', actionName: name },
    status: { conditions: conditionsOf(state), phaseHistory: history },
  } as TaskAction;
}

describe('runStatus', () => {
  const cases: [string, State[], string, boolean][] = [
    ['nothing started', ['pending', 'queued'], 'Pending', false],
    ['one running', ['succeeded', 'running', 'pending'], 'Running', false],
    ['one succeeded, others waiting', ['succeeded', 'pending'], 'Running', false],
    ['a retry in progress', ['retrying', 'succeeded'], 'Running', false],
    ['a condition waiting for its signal', ['paused'], 'Running', false],
    ['a failure while others still run', ['failed', 'running'], 'Running', false],
    ['all succeeded', ['succeeded', 'succeeded'], 'Succeeded', true],
    ['a root that succeeded and a child that failed', ['succeeded', 'failed'], 'Failed', true],
    ['a failure and the actions it skipped', ['succeeded', 'failed', 'upstream'], 'Failed', true],
    ['stopped', ['succeeded', 'aborted'], 'Aborted', true],
    ['stopped, with the actions waiting for it skipped', ['aborted', 'upstream'], 'Aborted', true],
    ['a failure beats a stop', ['aborted', 'failed'], 'Failed', true],
  ];
  it.each(cases)('%s', (_name, states, phase, finished) => {
    const status = runStatus(states.map((s, i) => action(`a${i}`, s)));
    expect(status.phase).toBe(phase);
    expect(status.finished).toBe(finished);
    expect(status.total).toBe(states.length);
  });

  it('counts progress, failures and skipped actions', () => {
    const status = runStatus([action('a', 'succeeded'), action('b', 'failed'), action('c', 'upstream'), action('d', 'running'), action('e', 'pending')]);
    expect(status).toMatchObject({ progress: '1/5', succeeded: 1, failed: 2, skipped: 1, active: 1, pending: 1, aborted: 0 });
  });

  it('spans first start to last end, and only a finished run has an end', () => {
    const done = runStatus([
      action('a', 'succeeded', { start: '2026-01-01T00:00:10Z', end: '2026-01-01T00:00:20Z' }),
      action('b', 'succeeded', { start: '2026-01-01T00:00:05Z', end: '2026-01-01T00:01:00Z' }),
    ]);
    expect(done.startedAt).toBe('2026-01-01T00:00:05Z');
    expect(done.finishedAt).toBe('2026-01-01T00:01:00Z');
    expect(runDurationMs(done)).toBe(55_000);
    const running = runStatus([action('a', 'succeeded', { start: '2026-01-01T00:00:10Z', end: '2026-01-01T00:00:20Z' }), action('b', 'running', { start: '2026-01-01T00:00:15Z' })]);
    expect(running.finishedAt).toBeUndefined();
    expect(runDurationMs(running, new Date('2026-01-01T00:00:40Z'))).toBe(30_000);
    expect(runDurationMs(runStatus([action('a', 'pending')]))).toBeUndefined();
  });

  it('an empty list is no finished run', () => {
    expect(runStatus([])).toMatchObject({ phase: 'Pending', finished: false, total: 0, progress: '0/0' });
  });
});

describe('summarizeRuns', () => {
  it('groups by run, root first, newest run first, and filters by phase and age', () => {
    const actions = [
      action('child', 'failed', { run: 'old', parent: 'old', created: '2026-01-01T00:00:01Z' }),
      action('new', 'running', { run: 'new', created: '2026-01-02T00:00:00Z' }),
      action('old', 'succeeded', { run: 'old', created: '2026-01-01T00:00:00Z' }),
    ];
    const runs = summarizeRuns(actions);
    expect(runs.map((r) => r.runName)).toEqual(['new', 'old']);
    expect(runs[1]?.root?.spec.actionName).toBe('old');
    expect(runs[1]?.actions.map((a) => a.spec.actionName)).toEqual(['old', 'child']);
    expect(runs[1]?.status.phase).toBe('Failed');
    expect(runs[1]?.createdAt).toBe('2026-01-01T00:00:00Z');
    expect(filterRuns(runs, { phases: ['Failed'] }).map((r) => r.runName)).toEqual(['old']);
    expect(filterRuns(runs, { since: new Date('2026-01-01T12:00:00Z') }).map((r) => r.runName)).toEqual(['new']);
  });
});
