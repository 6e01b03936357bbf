import { describe, expect, it } from 'vitest';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';
import { checkRunOrder, type OrderNode, waitingCycle } from '../../../shared/queue/action-order.js';
import { checkBatchOrderLocally } from '../../../shared/queue/check-batch-order.js';
import { type ActionDescription } from '../../../shared/task-action/action-description.js';

const node = (actionName: string, after: string[] = [], parentActionName?: string, extra: Partial<OrderNode> = {}): OrderNode => ({
  actionName,
  after,
  ...(parentActionName !== undefined ? { parentActionName } : {}),
  ...extra,
});

describe('waitingCycle', () => {
  const graph = (edges: Record<string, string[]>) => (name: string) => edges[name] ?? [];

  it('finds none in a chain or a diamond', () => {
    expect(waitingCycle(['a', 'b', 'c'], graph({ b: ['a'], c: ['b'] }))).toBeUndefined();
    expect(waitingCycle(['a', 'b', 'c', 'd'], graph({ b: ['a'], c: ['a'], d: ['b', 'c'] }))).toBeUndefined();
  });

  it('returns the path of a cycle, starting at the first name on it', () => {
    expect(waitingCycle(['train', 'evaluate'], graph({ train: ['evaluate'], evaluate: ['train'] }))).toEqual(['train', 'evaluate', 'train']);
    expect(waitingCycle(['x'], graph({ x: ['x'] }))).toEqual(['x', 'x']);
  });

  it('walks only along the cycle when names outside it also wait on it', () => {
    const cycle = waitingCycle(['tail', 'a', 'b', 'c'], graph({ tail: ['a'], a: ['b'], b: ['c'], c: ['a'] }));
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('checkRunOrder', () => {
  const source = { file: 'run.yaml', line: 12, object: 'TaskAction/demo/train' };

  it('accepts a chain and names that exist in the cluster', () => {
    expect(() => checkRunOrder('demo', [node('fetch'), node('train', ['fetch'])], [])).not.toThrow();
    expect(() => checkRunOrder('demo', [node('train', ['fetch'])], [node('fetch')])).not.toThrow();
  });

  it('refuses an unknown name, naming the file, line, action and field, and the names there are', () => {
    const [err] = catchUserErrors(() => checkRunOrder('demo', [node('fetch'), node('train', ['fecth'], undefined, { source })], []));
    expect(err?.message).toBe('action "train" of run "demo" waits for "fecth", which is no action of the run');
    expect(err?.location).toEqual({ ...source, field: 'metadata.annotations[kueue.dev/after]' });
    expect(err?.hint).toContain('(fetch, train)');
  });

  it('takes names outside the batch on trust when the cluster was not asked', () => {
    expect(() => checkRunOrder('demo', [node('train', ['fetch'])], undefined)).not.toThrow();
  });

  it('refuses an action waiting for itself, even unchecked against the cluster', () => {
    const [err] = catchUserErrors(() => checkRunOrder('demo', [node('train', ['train'])], undefined));
    expect(err?.message).toBe('action "train" of run "demo" waits for itself: train -> train');
  });

  it('refuses a cycle with its path', () => {
    const [err] = catchUserErrors(() =>
      checkRunOrder('demo', [node('fetch'), node('train', ['evaluate'], undefined, { source }), node('evaluate', ['train'])], []),
    );
    expect(err?.message).toBe('actions of run "demo" wait for each other in a cycle: train -> evaluate -> train');
    expect(err?.location.file).toBe('run.yaml');
  });

  it('finds a cycle through actions already in the cluster', () => {
    const [err] = catchUserErrors(() => checkRunOrder('demo', [node('evaluate', ['train'])], [node('train', ['evaluate'])]));
    expect(err?.message).toContain('evaluate -> train -> evaluate');
    expect(err?.location.object).toBe('TaskAction/demo/evaluate');
  });

  it('counts parents as upstreams only when the root makes children wait for them', () => {
    const nodes = [node('a0', ['fetch']), node('fetch', [], 'a0')];
    expect(() => checkRunOrder('demo', nodes, [])).not.toThrow();
    const waiting = [node('a0', ['fetch'], undefined, { childrenWaitForParent: true }), node('fetch', [], 'a0')];
    const [err] = catchUserErrors(() => checkRunOrder('demo', waiting, []));
    expect(err?.message).toBe(
      'actions of run "demo" wait for each other in a cycle: a0 -> fetch -> a0 (children wait for their parents: kueue.dev/children-wait-for-parent is set on the root)',
    );
  });
});

describe('checkBatchOrderLocally', () => {
  const base = { org: 'o', project: 'p', domain: 'd', taskTemplate: new Uint8Array() };
  const action = (runName: string, actionName: string, after?: string): ActionDescription => ({
    ...base,
    runName,
    actionName,
    ...(after !== undefined ? { annotations: { 'kueue.dev/after': after } } : {}),
  });

  it('checks each run on its own: the same names in two runs do not meet', () => {
    expect(() => checkBatchOrderLocally([action('r1', 'a', 'b'), action('r1', 'b'), action('r2', 'b', 'a'), action('r2', 'a')], 'ns')).not.toThrow();
    const [err] = catchUserErrors(() => checkBatchOrderLocally([action('r1', 'a', 'b'), action('r1', 'b', 'a')], 'ns'));
    expect(err?.message).toContain('a -> b -> a');
  });
});
