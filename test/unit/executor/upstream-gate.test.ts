import { describe, expect, it } from 'vitest';
import { type RunView, upstreamFailedMessage, upstreamGate, waitingMessage } from '../../../shared/executor/upstream-gate.js';
import { UpstreamTracker } from '../../../shared/executor/upstream-tracker.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { type Condition } from '../../../shared/task-action/condition.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { PLUGIN_FINALIZER } from '../../../shared/task-action/api-constants.js';
import { storedTaskAction } from './task-action-fixture.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

function action(name: string, options: { parent?: string; after?: string; annotations?: Record<string, string>; conditions?: Condition[] } = {}): TaskAction {
  const annotations = { ...options.annotations, ...(options.after !== undefined ? { 'kueue.dev/after': options.after } : {}) };
  const built = storedTaskAction(template, { actionName: name, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) });
  built.metadata.name = `r1-${name}`;
  if (options.parent !== undefined) built.spec.parentActionName = options.parent;
  if (options.conditions !== undefined) built.status = { conditions: options.conditions };
  return built;
}

const time = '2026-01-01T00:00:00Z';
const succeeded: Condition[] = [{ type: 'Succeeded', status: 'True', reason: 'Completed', message: '', lastTransitionTime: time }];
const failed = (reason: string): Condition[] => [
  { type: 'Progressing', status: 'False', reason, message: '', lastTransitionTime: time },
  { type: 'Failed', status: 'True', reason, message: '', lastTransitionTime: time },
];
const running: Condition[] = [{ type: 'Progressing', status: 'True', reason: 'Executing', message: '', lastTransitionTime: time }];

function view(actions: TaskAction[], deleted: string[] = []): RunView {
  const byName = new Map(actions.map((a) => [a.spec.actionName, a]));
  return {
    get: (name) => byName.get(name),
    deleted: (name) => deleted.includes(name),
    root: () => actions.find((a) => a.spec.parentActionName === undefined),
  };
}

describe('upstreamGate', () => {
  it('lets an action without upstreams go', () => {
    expect(upstreamGate(action('a0'), view([action('a0')]))).toEqual({ kind: 'go' });
  });

  it('waits for the after actions that have not succeeded yet, in list order', () => {
    const train = action('train', { after: 'fetch, prepare' });
    const run = view([action('fetch', { conditions: running }), action('prepare'), train]);
    expect(upstreamGate(train, run)).toEqual({ kind: 'wait', waitingFor: ['fetch', 'prepare'] });
    expect(waitingMessage(['fetch', 'prepare'])).toBe('waiting for fetch, prepare');
  });

  it('waits for an after action not created yet, and goes once all succeeded', () => {
    const train = action('train', { after: 'fetch,prepare' });
    expect(upstreamGate(train, view([action('fetch', { conditions: succeeded }), train]))).toEqual({ kind: 'wait', waitingFor: ['prepare'] });
    expect(upstreamGate(train, view([action('fetch', { conditions: succeeded }), action('prepare', { conditions: succeeded }), train]))).toEqual({ kind: 'go' });
  });

  it('ends without running when an upstream failed, was aborted, was not run or was deleted', () => {
    const train = action('train', { after: 'fetch' });
    const cases: [TaskAction[], string[], string][] = [
      [[action('fetch', { conditions: failed('PermanentFailure') })], [], 'failed (PermanentFailure)'],
      [[action('fetch', { conditions: failed('Aborted') })], [], 'was aborted'],
      [[action('fetch', { conditions: failed('UpstreamFailed') })], [], 'was not run (UpstreamFailed)'],
      [[action('fetch', { conditions: failed('Timeout') })], [], 'failed (Timeout)'],
      [[], ['fetch'], 'was deleted'],
    ];
    for (const [others, deleted, outcome] of cases) {
      expect(upstreamGate(train, view([...others, train], deleted))).toEqual({ kind: 'skip', upstream: 'fetch', relation: 'after', outcome });
    }
    const deleting = action('fetch', { conditions: running });
    deleting.metadata.deletionTimestamp = time;
    expect(upstreamGate(train, view([deleting, train]))).toMatchObject({ kind: 'skip', outcome: 'was aborted' });
  });

  it('waits instead of skipping while a failed upstream has a retry request not yet taken up', () => {
    const train = action('train', { after: 'fetch' });
    const fetch = action('fetch', { conditions: failed('PermanentFailure'), annotations: { 'kueue.dev/retry': '2026-01-01T00:01:00.000Z' } });
    expect(upstreamGate(train, view([fetch, train]))).toEqual({ kind: 'wait', waitingFor: ['fetch'] });
  });

  it('fails fast: one failed upstream ends the action even while another still runs', () => {
    const publish = action('publish', { after: 'train,evaluate' });
    const run = view([action('train', { conditions: running }), action('evaluate', { conditions: failed('PermanentFailure') }), publish]);
    const gate = upstreamGate(publish, run);
    expect(gate).toEqual({ kind: 'skip', upstream: 'evaluate', relation: 'after', outcome: 'failed (PermanentFailure)' });
    if (gate.kind === 'skip') expect(upstreamFailedMessage(gate)).toBe('upstream action "evaluate" failed (PermanentFailure); this action was not run');
  });

  it('keeps Flyte\'s parent semantics: a child runs while its parent runs or waits', () => {
    const child = action('child', { parent: 'a0' });
    expect(upstreamGate(child, view([action('a0'), child]))).toEqual({ kind: 'go' });
    expect(upstreamGate(child, view([action('a0', { conditions: running }), child]))).toEqual({ kind: 'go' });
  });

  it('holds a plain child back until a parent that waits for its upstreams has started', () => {
    const train = action('train', { parent: 'a0', after: 'fetch' });
    const report = action('report', { parent: 'train' });
    const detail = action('detail', { parent: 'report' });
    const run = view([action('a0'), action('fetch', { conditions: running }), train, report, detail]);
    expect(upstreamGate(report, run)).toEqual({ kind: 'wait', waitingFor: ['train'] });
    // Held through the tree: report waits for train, so detail waits for report.
    expect(upstreamGate(detail, run)).toEqual({ kind: 'wait', waitingFor: ['report'] });
    const started = { ...train, metadata: { ...train.metadata, finalizers: [PLUGIN_FINALIZER] } };
    expect(upstreamGate(report, view([action('a0'), started, report]))).toEqual({ kind: 'go' });
  });

  it('ends a child whose parent already failed or was aborted', () => {
    const child = action('child', { parent: 'a0' });
    const gate = upstreamGate(child, view([action('a0', { conditions: failed('PermanentFailure') }), child]));
    expect(gate).toEqual({ kind: 'skip', upstream: 'a0', relation: 'parent', outcome: 'failed (PermanentFailure)' });
    if (gate.kind === 'skip') expect(upstreamFailedMessage(gate)).toBe('parent action "a0" failed (PermanentFailure); this action was not run');
    expect(upstreamGate(child, view([action('a0', { conditions: failed('Aborted') }), child]))).toMatchObject({ kind: 'skip', outcome: 'was aborted' });
  });

  it('makes children wait for their parent when the root asks for it', () => {
    const root = action('a0', { annotations: { 'kueue.dev/children-wait-for-parent': 'true' }, conditions: running });
    const train = action('train', { parent: 'a0' });
    const evaluate = action('evaluate', { parent: 'train', after: 'fetch' });
    const run = view([root, train, evaluate]);
    expect(upstreamGate(train, run)).toEqual({ kind: 'wait', waitingFor: ['a0'] });
    expect(upstreamGate(evaluate, run)).toEqual({ kind: 'wait', waitingFor: ['fetch', 'train'] });
    const done = view([{ ...root, status: { conditions: succeeded } }, train]);
    expect(upstreamGate(train, done)).toEqual({ kind: 'go' });
  });

  it('does not hold back an action that already started', () => {
    const train = action('train', { after: 'fetch' });
    train.metadata.finalizers = [PLUGIN_FINALIZER];
    expect(upstreamGate(train, view([action('fetch', { conditions: failed('PermanentFailure') }), train]))).toEqual({ kind: 'go' });
    const recorded = action('train', { after: 'fetch' });
    recorded.status = { pluginPhase: 'PhaseRunning' };
    expect(upstreamGate(recorded, view([action('fetch'), recorded]))).toEqual({ kind: 'go' });
  });

  it('ignores an action naming itself (enqueue refuses it; a hand-made one must not wait forever)', () => {
    const train = action('train', { after: 'train' });
    expect(upstreamGate(train, view([train]))).toEqual({ kind: 'go' });
  });
});

describe('UpstreamTracker', () => {
  function tracked(actions: TaskAction[]) {
    const cache = new Map(actions.map((a) => [`flyte/${a.metadata.name ?? ''}`, a]));
    const tracker = new UpstreamTracker((key) => cache.get(key));
    for (const a of actions) tracker.observe('added', a, undefined);
    return { tracker, cache };
  }

  it('requeues a waiting action when what it waits for finishes, not when it merely changes', () => {
    const fetch = action('fetch');
    const train = action('train', { after: 'fetch' });
    const { tracker, cache } = tracked([fetch, train]);
    expect(tracker.gate(train)).toEqual({ kind: 'wait', waitingFor: ['fetch'] });
    expect(tracker.waitingCount).toBe(1);
    const fetchRunning = { ...fetch, status: { conditions: running } };
    // Running is no outcome: nothing to requeue.
    expect(tracker.observe('modified', fetchRunning, fetch)).toEqual([]);
    const fetchDone = { ...fetch, metadata: { ...fetch.metadata, resourceVersion: '12' }, status: { conditions: succeeded } };
    cache.set('flyte/r1-fetch', fetchDone);
    expect(tracker.observe('modified', fetchDone, fetchRunning)).toEqual(['flyte/r1-train']);
    expect(tracker.gate(train)).toEqual({ kind: 'go' });
    expect(tracker.waitingCount).toBe(0);
  });

  it('requeues the children of a held parent when it starts', () => {
    const train = action('train', { after: 'fetch' });
    const report = action('report', { parent: 'train' });
    const { tracker } = tracked([action('fetch'), train, report]);
    expect(tracker.gate(report)).toEqual({ kind: 'wait', waitingFor: ['train'] });
    const started = { ...train, metadata: { ...train.metadata, resourceVersion: '11', finalizers: [PLUGIN_FINALIZER] } };
    expect(tracker.observe('modified', started, train)).toEqual(['flyte/r1-report']);
  });

  it('requeues waiting actions when an upstream appears or is deleted', () => {
    const train = action('train', { after: 'fetch' });
    const { tracker, cache } = tracked([train]);
    expect(tracker.gate(train)).toEqual({ kind: 'wait', waitingFor: ['fetch'] });
    const fetch = action('fetch');
    cache.set('flyte/r1-fetch', fetch);
    expect(tracker.observe('added', fetch, undefined)).toEqual(['flyte/r1-train']);
    expect(tracker.gate(train)).toEqual({ kind: 'wait', waitingFor: ['fetch'] });
    cache.delete('flyte/r1-fetch');
    expect(tracker.observe('deleted', fetch, fetch)).toEqual(['flyte/r1-train']);
    expect(tracker.gate(train)).toMatchObject({ kind: 'skip', outcome: 'was deleted' });
  });

  it('forgets a waiting action that is deleted, and actions of other runs never meet', () => {
    const train = action('train', { after: 'fetch' });
    const { tracker } = tracked([train]);
    tracker.gate(train);
    tracker.observe('deleted', train, train);
    expect(tracker.waitingCount).toBe(0);
    const other = action('fetch');
    other.spec.runName = 'r2';
    expect(tracker.observe('added', other, undefined)).toEqual([]);
  });
});
