import { describe, expect, it } from 'vitest';
import { runWaitingReason } from '../../../shared/runs/run-waiting-reason.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

function action(name: string, reason: string, message: string, status: 'True' | 'False' = 'True'): TaskAction {
  const conditions = [{ type: 'Progressing', status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z' }];
  if (reason === 'Completed') conditions.push({ type: 'Succeeded', status: 'True', reason, message: '', lastTransitionTime: '2026-01-01T00:00:00Z' });
  return { metadata: { name }, spec: { runName: 'r', project: 'p', domain: 'd', actionName: name }, status: { conditions } };
}

const done = (name: string) => action(name, 'Completed', 'TaskAction has completed', 'False');
const running = (name: string) => action(name, 'Executing', '');
const waitsFor = (name: string, upstream: string) => action(name, 'Queued', `waiting for ${upstream}`);
const pulling = (name: string) => action(name, 'Initializing', `[ImagePullBackOff] container "${name}": Back-off pulling image "nope"`);
const unschedulable = (name: string) => action(name, 'Queued', 'Unschedulable: 0/1 nodes are available');

describe('runWaitingReason', () => {
  it('shows the most urgent reason of any action, with the action it belongs to', () => {
    const reason = runWaitingReason([done('a0'), waitsFor('train', 'fetch'), unschedulable('lint'), pulling('fetch')]);
    expect(reason?.summary).toBe('waiting: image pull (fetch)');
    expect(reason?.actionName).toBe('fetch');
  });

  it('breaks ties by the order the actions are given', () => {
    expect(runWaitingReason([done('a0'), unschedulable('b'), unschedulable('a')])?.actionName).toBe('b');
  });

  it('names what a run waits for only while nothing of it is active', () => {
    expect(runWaitingReason([done('a0'), waitsFor('publish', 'train'), running('train')])).toBeUndefined();
    expect(runWaitingReason([done('a0'), waitsFor('publish', 'approve'), action('approve', 'Queued', 'held')])?.summary).toBe('waiting for approve (publish)');
  });

  it('has none for a run that moves or finished', () => {
    expect(runWaitingReason([running('a0'), running('b')])).toBeUndefined();
    expect(runWaitingReason([done('a0')])).toBeUndefined();
    expect(runWaitingReason([])).toBeUndefined();
  });
});
