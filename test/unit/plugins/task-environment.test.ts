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
  it('gives the variables Flyte injects', () => {
    expect(taskEnvironmentVariables(spec)).toEqual({
      ACTION_NAME: 'a0',
      RUN_NAME: 'r1',
      _U_RUN_BASE: 's3://bucket/acme/p/d/r1/',
      _U_ORG_NAME: 'acme',
    });
  });

  it('says "local" for the organisation when the spec has none, as Flyte does', () => {
    expect(taskEnvironmentVariables({ ...spec, org: undefined })._U_ORG_NAME).toBe('local');
  });

  it("adds the run's variables without letting them replace Flyte's", () => {
    const env = taskEnvironmentVariables({ ...spec, envVars: { RUN_NAME: 'spoof', DEBUG: '1' } });
    expect(env.RUN_NAME).toBe('r1');
    expect(env.DEBUG).toBe('1');
  });
});
