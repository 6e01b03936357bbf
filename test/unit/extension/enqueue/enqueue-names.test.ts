import { describe, expect, it } from 'vitest';
import { nameProblem } from '../../../../extension/src/enqueue/name-problem.js';
import { suggestRunName } from '../../../../extension/src/enqueue/run-name-suggestion.js';

const SCOPE = { org: 'local', project: 'default', domain: 'development' };

describe('suggestRunName', () => {
  const at = new Date(2026, 2, 1, 14, 30, 5);

  it('is the manifest name with the time of day', () => {
    expect(suggestRunName('train', at)).toBe('train-143005');
  });

  it('cleans and shortens a manifest name to a valid run name of at most 30 characters', () => {
    const name = suggestRunName('My_Training.Job-with-a-very-long-name', at);
    expect(name).toBe('my-training-job-with-a-143005');
    expect(name.length).toBeLessThanOrEqual(30);
    expect(nameProblem({ ...SCOPE, runName: name, actionName: 'a0' }, 'spec.runName')).toBeUndefined();
    expect(suggestRunName(undefined, at)).toBe('run-143005');
    expect(suggestRunName('---', at)).toBe('run-143005');
  });
});

describe('nameProblem', () => {
  it('accepts good names', () => {
    expect(nameProblem({ ...SCOPE, runName: 'nightly', actionName: 'a0' }, 'spec.runName')).toBeUndefined();
    expect(nameProblem({ ...SCOPE, runName: 'nightly', actionName: 'train-2' }, 'spec.actionName')).toBeUndefined();
  });

  it('explains what is wrong with a name, in the core\'s words', () => {
    expect(nameProblem({ ...SCOPE, runName: 'Nightly', actionName: 'a0' }, 'spec.runName')).toMatch(/^spec\.runName "Nightly" is not valid: .*\(use for example "nightly"\)$/);
    expect(nameProblem({ ...SCOPE, runName: 'x'.repeat(31), actionName: 'a0' }, 'spec.runName')).toMatch(/31 characters/);
    expect(nameProblem({ ...SCOPE, runName: '', actionName: 'a0' }, 'spec.runName')).toBeDefined();
    expect(nameProblem({ ...SCOPE, runName: 'nightly', actionName: 'no spaces' }, 'spec.actionName')).toMatch(/^spec\.actionName "no spaces" is not valid/);
  });

  it('reports only problems of the asked field', () => {
    expect(nameProblem({ ...SCOPE, runName: 'BAD', actionName: 'a0' }, 'spec.actionName')).toBeUndefined();
  });
});
