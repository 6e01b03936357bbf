import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError, UserErrors } from '../../../shared/errors/user-error.js';
import {
  type ActionFields,
  LIMITS,
  actionErrors,
  assertValidAction,
  assertValidRunIdentity,
  isDns1123Subdomain,
  isLabelKey,
  isLabelValue,
  runIdentityErrors,
} from '../../../shared/task-action/validation.js';

const valid: ActionFields = {
  org: 'acme',
  project: 'flytesnacks',
  domain: 'development',
  runName: 'r1',
  actionName: 'a0',
};

function fieldsOf(action: ActionFields): (string | undefined)[] {
  return actionErrors(action).map((e) => e.location.field);
}

describe('action validation', () => {
  it('accepts a valid root and a valid child', () => {
    expect(actionErrors(valid)).toEqual([]);
    expect(actionErrors({ ...valid, actionName: 'child', parentActionName: 'a0' })).toEqual([]);
  });

  const lengthLimited: [keyof ActionFields, number][] = [
    ['org', LIMITS.org],
    ['project', LIMITS.project],
    ['domain', LIMITS.domain],
    ['runName', LIMITS.runName],
    ['actionName', LIMITS.actionName],
    ['parentActionName', LIMITS.parentActionName],
  ];

  it.each(lengthLimited)('%s: %i characters pass, one more is rejected naming the field', (field, max) => {
    expect(fieldsOf({ ...valid, [field]: 'a'.repeat(max) })).toEqual([]);
    const errors = actionErrors({ ...valid, [field]: 'a'.repeat(max + 1) });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.location.field).toBe(`spec.${field}`);
    expect(errors[0]?.message).toContain(`is ${max + 1} characters long; at most ${max} are allowed`);
    expect(errors[0]?.hint).toBeDefined();
  });

  it.each(['org', 'project', 'domain', 'runName', 'actionName'] as const)('%s must not be empty', (field) => {
    const errors = actionErrors({ ...valid, [field]: '' });
    expect(errors.map((e) => e.location.field)).toEqual([`spec.${field}`]);
    expect(errors[0]?.message).toBe(`spec.${field} must not be empty`);
  });

  it.each(['org', 'project', 'domain', 'runName', 'actionName'] as const)('%s is required', (field) => {
    const action = { ...valid };
    delete action[field];
    expect(actionErrors(action).map((e) => e.message)).toEqual([`spec.${field} is required`]);
  });

  it.each([
    ['upper case', 'MyRun'],
    ['underscore', 'my_run'],
    ['leading dash', '-run'],
    ['trailing dot', 'run.'],
    ['space', 'my run'],
    ['empty dot segment', 'a..b'],
    ['dash before dot', 'a-.b'],
  ])('rejects a run name with %s, naming field and label', (_, runName) => {
    const errors = actionErrors({ ...valid, runName });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.location.field).toBe('spec.runName');
    expect(errors[0]?.message).toContain('flyte.org/run label');
    expect(errors[0]?.message).toContain('lower-case letters, digits');
  });

  it('suggests a cleaned name', () => {
    const [error] = actionErrors({ ...valid, project: 'My_Project' });
    expect(error?.hint).toBe('use for example "my-project"');
  });

  it('accepts dots inside a part', () => {
    expect(actionErrors({ ...valid, domain: 'dev.eu-1' })).toEqual([]);
  });

  it('rejects an explicitly empty parent instead of treating it as root', () => {
    const errors = actionErrors({ ...valid, parentActionName: '' });
    expect(errors.map((e) => e.location.field)).toEqual(['spec.parentActionName']);
    expect(errors[0]?.message).toBe('spec.parentActionName is empty');
    expect(errors[0]?.hint).toContain('omit the parent');
  });

  it('rejects an action that is its own parent', () => {
    expect(fieldsOf({ ...valid, parentActionName: 'a0' })).toEqual(['spec.parentActionName']);
  });

  it('rejects a parent name that is not a valid label value', () => {
    expect(fieldsOf({ ...valid, actionName: 'b', parentActionName: 'A0' })).toEqual(['spec.parentActionName']);
  });

  it('checks taskType 1..63 and shortName up to 63', () => {
    expect(fieldsOf({ ...valid, taskType: 'x'.repeat(63), shortName: 'y'.repeat(63) })).toEqual([]);
    expect(fieldsOf({ ...valid, taskType: '' })).toEqual(['spec.taskType']);
    expect(fieldsOf({ ...valid, taskType: 'x'.repeat(64) })).toEqual(['spec.taskType']);
    expect(fieldsOf({ ...valid, shortName: 'y'.repeat(64) })).toEqual(['spec.shortName']);
    // A short name is a display name: any characters.
    expect(fieldsOf({ ...valid, shortName: 'My Task (v2)' })).toEqual([]);
  });

  it('checks cacheKey and group up to 256', () => {
    expect(fieldsOf({ ...valid, cacheKey: 'k'.repeat(256), group: 'g'.repeat(256) })).toEqual([]);
    expect(fieldsOf({ ...valid, cacheKey: 'k'.repeat(257), group: 'g'.repeat(257) })).toEqual([
      'spec.cacheKey',
      'spec.group',
    ]);
  });

  it('rejects explicitly empty URIs', () => {
    expect(fieldsOf({ ...valid, inputUri: '', runOutputBase: '' })).toEqual(['spec.inputUri', 'spec.runOutputBase']);
  });

  it('checks environment variable names', () => {
    expect(fieldsOf({ ...valid, envVars: { GOOD_NAME: '1', 'my.var-x': '2' } })).toEqual([]);
    expect(fieldsOf({ ...valid, envVars: { '1BAD': 'x', 'has space': 'y' } })).toEqual([
      'spec.envVars[1BAD]',
      'spec.envVars[has space]',
    ]);
  });

  it('checks extra labels: keys with an optional DNS prefix, values as Kubernetes allows', () => {
    expect(fieldsOf({ ...valid, labels: { team: 'ml', 'example.com/cost-centre': 'x_1', empty: '' } })).toEqual([]);
    const errors = actionErrors({ ...valid, labels: { 'Bad Key': 'v', 'example.com/': 'v', 'UPPER.com/x': 'v', ok: 'not ok!' } });
    expect(errors.map((e) => e.location.field)).toEqual(['metadata.labels[Bad Key]', 'metadata.labels[example.com/]', 'metadata.labels[UPPER.com/x]', 'metadata.labels[ok]']);
    expect(errors[0]?.message).toBe('metadata.labels key "Bad Key" is not a valid label key');
    expect(errors[3]?.message).toBe('metadata.labels[ok] value "not ok!" is not a valid label value');
    expect(errors[3]?.hint).toMatch(/^use at most 63 letters/);
  });

  it.each([
    ['team', true],
    ['flyte.org/run', true],
    [`${'a'.repeat(63)}`, true],
    [`${'a'.repeat(64)}`, false],
    ['a/b/c', false],
    ['/x', false],
    ['-x', false],
    ['', false],
  ])('isLabelKey(%j) is %s', (key, valid) => expect(isLabelKey(key)).toBe(valid));

  it('reports every problem at once, each with the object name', () => {
    const errors = actionErrors({ ...valid, runName: 'R'.repeat(31), actionName: 'Bad_Name' });
    expect(errors.map((e) => e.location.field)).toEqual(['spec.runName', 'spec.actionName']);
    expect(errors.every((e) => e.location.object === `TaskAction/acme-flytesnacks-development-${'R'.repeat(31)}-Bad_Name`)).toBe(true);
  });

  it('copies the input location into each error', () => {
    const [error] = actionErrors({ ...valid, runName: '' }, { location: { file: 'run.yaml', document: 2, line: 7 } });
    expect(error?.location).toMatchObject({ file: 'run.yaml', document: 2, line: 7, field: 'spec.runName' });
  });

  it('throws one UserError, or UserErrors for several', () => {
    expect(() => assertValidAction(valid)).not.toThrow();
    expect(() => assertValidAction({ ...valid, runName: '' })).toThrow(UserError);
    expect(() => assertValidAction({ ...valid, runName: '', actionName: '' })).toThrow(UserErrors);
  });

  it('validates a run identity alone', () => {
    expect(runIdentityErrors({ org: 'o', project: 'p', domain: 'd', runName: 'r' })).toEqual([]);
    expect(runIdentityErrors({ org: 'o', project: 'p', domain: 'd', runName: 'x'.repeat(31) })[0]?.location.field).toBe(
      'spec.runName',
    );
    expect(() => assertValidRunIdentity({ project: 'p', domain: 'd', runName: 'r' })).toThrow('spec.org is required');
  });

  it('accepts exactly the parts whose joined name is a valid object name', () => {
    const part = (max: number) =>
      fc.stringMatching(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/).filter((s) => s.length <= max);
    fc.assert(
      fc.property(
        part(LIMITS.org),
        part(LIMITS.project),
        part(LIMITS.domain),
        part(LIMITS.runName),
        part(LIMITS.actionName),
        (org, project, domain, runName, actionName) => {
          const ok = actionErrors({ org, project, domain, runName, actionName }).length === 0;
          const name = [org, project, domain, runName, actionName].join('-');
          // Every accepted identity gives a valid CR name; rejections come only from dot/dash rules.
          if (ok) expect(isDns1123Subdomain(name)).toBe(true);
          else expect([org, project, domain, runName, actionName].some((p) => /\.\.|\.-|-\./.test(p))).toBe(true);
        },
      ),
    );
  });
});

describe('Kubernetes name rules', () => {
  it.each([
    ['a', true],
    ['a.b-c', true],
    ['0abc', true],
    ['A', false],
    ['-a', false],
    ['a-', false],
    ['a..b', false],
    ['a_b', false],
    ['', false],
    ['a'.repeat(253), true],
    ['a'.repeat(254), false],
  ])('isDns1123Subdomain(%j) = %s', (value, expected) => {
    expect(isDns1123Subdomain(value)).toBe(expected);
  });

  it.each([
    ['', true],
    ['A_b.c-D', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['_a', false],
    ['a-', false],
    ['a b', false],
  ])('isLabelValue(%j) = %s', (value, expected) => {
    expect(isLabelValue(value)).toBe(expected);
  });
});
