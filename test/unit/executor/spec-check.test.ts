import { describe, expect, it } from 'vitest';
import { invalidSpecMessage, missingSpecFields } from '../../../shared/executor/spec-check.js';

describe('spec check', () => {
  const complete = {
    runName: 'r',
    project: 'p',
    domain: 'd',
    actionName: 'a',
    taskType: 'container',
    taskTemplate: 'CgA=',
    inputUri: 's3://b/in',
    runOutputBase: 's3://b/out',
  };

  it('accepts a complete spec, with or without org', () => {
    expect(missingSpecFields(complete)).toEqual([]);
    expect(missingSpecFields({ ...complete, org: 'o' })).toEqual([]);
  });

  it('lists empty and missing fields in Flyte\'s order, in Flyte\'s message', () => {
    const missing = missingSpecFields({ ...complete, taskType: '', runOutputBase: undefined, inputUri: '' });
    expect(missing).toEqual(['taskType', 'inputUri', 'runOutputBase']);
    expect(invalidSpecMessage(missing)).toBe('required spec fields are empty: [taskType inputUri runOutputBase]');
    expect(missingSpecFields(undefined)).toHaveLength(8);
  });
});
