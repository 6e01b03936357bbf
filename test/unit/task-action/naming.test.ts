import { describe, expect, it } from 'vitest';
import { taskActionName } from '../../../shared/task-action/naming.js';
import { LIMITS, isDns1123Subdomain } from '../../../shared/task-action/validation.js';

const id = { org: 'acme', project: 'flytesnacks', domain: 'development', runName: 'r1', actionName: 'a0' };

describe('taskActionName', () => {
  it('joins org, project, domain, run and action with dashes, unchanged', () => {
    expect(taskActionName(id)).toBe('acme-flytesnacks-development-r1-a0');
    expect(taskActionName({ ...id, domain: 'dev.eu' })).toBe('acme-flytesnacks-dev.eu-r1-a0');
  });

  it('stays within 253 characters at every field limit', () => {
    const name = taskActionName({
      org: 'o'.repeat(LIMITS.org),
      project: 'p'.repeat(LIMITS.project),
      domain: 'd'.repeat(LIMITS.domain),
      runName: 'r'.repeat(LIMITS.runName),
      actionName: 'a'.repeat(LIMITS.actionName),
    });
    expect(name).toHaveLength(253);
    expect(isDns1123Subdomain(name)).toBe(true);
  });
});
