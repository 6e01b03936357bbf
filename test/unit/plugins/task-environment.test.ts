import { describe, expect, it } from 'vitest';
import { taskEnvironmentVariables } from '../../../shared/plugins/task-environment.js';

const spec = {
  runName: 'r1',
  org: 'acme',
  project: 'p',
  domain: 'd',
  actionName: 'a0',
  runOutputBase: 's3://bucket/acme/p/d/r1/',
};

describe('taskEnvironmentVariables', () => {
  it('gives the variables Flyte injects, in its order, with the attempt counted from 0', () => {
    const env = taskEnvironmentVariables(spec, { attempt: 2, taskId: { project: 'tp', domain: 'td', name: 'wf.train', version: 'v7' } });
    expect(Object.entries(env)).toEqual([
      ['FLYTE_INTERNAL_EXECUTION_ID', 'r1'],
      ['FLYTE_INTERNAL_EXECUTION_PROJECT', 'p'],
      ['FLYTE_INTERNAL_EXECUTION_DOMAIN', 'd'],
      ['FLYTE_ATTEMPT_NUMBER', '1'],
      ['FLYTE_INTERNAL_TASK_PROJECT', 'tp'],
      ['FLYTE_INTERNAL_TASK_DOMAIN', 'td'],
      ['FLYTE_INTERNAL_TASK_NAME', 'wf.train'],
      ['FLYTE_INTERNAL_TASK_VERSION', 'v7'],
      ['FLYTE_INTERNAL_PROJECT', 'tp'],
      ['FLYTE_INTERNAL_DOMAIN', 'td'],
      ['FLYTE_INTERNAL_NAME', 'wf.train'],
      ['FLYTE_INTERNAL_VERSION', 'v7'],
      ['ACTION_NAME', 'a0'],
      ['RUN_NAME', 'r1'],
      ['_U_RUN_BASE', 's3://bucket/acme/p/d/r1/'],
      ['_U_ORG_NAME', 'acme'],
    ]);
  });

  it('leaves out the task variables when the template has no identifier', () => {
    expect(Object.keys(taskEnvironmentVariables(spec, { attempt: 1 })).filter((k) => k.startsWith('FLYTE_INTERNAL_TASK') || k === 'FLYTE_INTERNAL_NAME')).toEqual([]);
    expect(taskEnvironmentVariables(spec, { attempt: 1 }).FLYTE_ATTEMPT_NUMBER).toBe('0');
  });

  it('says "local" for the organisation when the spec has none, as Flyte does', () => {
    expect(taskEnvironmentVariables({ ...spec, org: undefined }, { attempt: 1 })._U_ORG_NAME).toBe('local');
  });

  it("adds the run's variables without letting them replace Flyte's", () => {
    const env = taskEnvironmentVariables({ ...spec, envVars: { RUN_NAME: 'spoof', FLYTE_ATTEMPT_NUMBER: '9', _F_PN: 'x', DEBUG: '1' } }, { attempt: 1 });
    expect(env.RUN_NAME).toBe('r1');
    expect(env.FLYTE_ATTEMPT_NUMBER).toBe('0');
    expect(env._F_PN).toBeUndefined();
    expect(env.DEBUG).toBe('1');
  });
});
