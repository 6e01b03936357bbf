import { describe, expect, it } from 'vitest';
import { UserError, UserErrors } from '../../../shared/errors/user-error.js';
import { type ActionDescription, defaultInputUri, defaultRunOutputBase } from '../../../shared/task-action/action-description.js';
import { buildTaskAction, parentOwnerReference } from '../../../shared/task-action/build-task-action.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../../shared/task-action/pod-task.js';
import { encodeTaskTemplate, taskTemplateToBase64 } from '../../../shared/task-action/task-template-codec.js';
import { viewTaskTemplateBase64 } from '../../../shared/task-action/task-template-view.js';

const template = containerTaskTemplate({ image: 'busybox', args: ['echo', 'hi'] });

const root: ActionDescription = {
  org: 'acme',
  project: 'flytesnacks',
  domain: 'development',
  runName: 'r1',
  actionName: 'a0',
  taskTemplate: template,
};

describe('buildTaskAction', () => {
  it('builds a root action exactly as Flyte does, plus apiVersion and kind', () => {
    expect(buildTaskAction({ ...root, namespace: 'flyte', shortName: 'hello' })).toEqual({
      apiVersion: 'flyte.org/v1',
      kind: 'TaskAction',
      metadata: {
        name: 'acme-flytesnacks-development-r1-a0',
        namespace: 'flyte',
        labels: {
          'flyte.org/org': 'acme',
          'flyte.org/project': 'flytesnacks',
          'flyte.org/domain': 'development',
          'flyte.org/run': 'r1',
          'flyte.org/action': 'a0',
          'flyte.org/action-type': 'task',
          'flyte.org/is-root': 'true',
        },
      },
      spec: {
        runName: 'r1',
        org: 'acme',
        project: 'flytesnacks',
        domain: 'development',
        actionName: 'a0',
        inputUri: 'file:///tmp/kueue/acme/flytesnacks/development/r1/a0/inputs.pb',
        runOutputBase: 'file:///tmp/kueue/acme/flytesnacks/development/r1/',
        taskType: 'container',
        shortName: 'hello',
        taskTemplate: taskTemplateToBase64(template),
      },
    });
  });

  it("adds extra labels, but the queue's own labels win over a user label of the same key", () => {
    const built = buildTaskAction({ ...root, labels: { team: 'ml', 'flyte.org/run': 'other', 'flyte.org/is-root': 'false', 'flyte.org/org': 'other' } }, undefined, { naming: 'flyte-head' });
    // The user label, and the six labels of Flyte's current naming with the queue's values (no org label).
    expect(built.metadata.labels).toMatchObject({ team: 'ml', 'flyte.org/run': 'r1', 'flyte.org/is-root': 'true' });
    expect(built.metadata.labels).not.toHaveProperty('flyte.org/org');
    expect(Object.keys(built.metadata.labels ?? {})).toHaveLength(7);
    expect(() => buildTaskAction({ ...root, labels: { 'bad key': 'x' } })).toThrow('metadata.labels key "bad key" is not a valid label key');
  });

  it('gives a child one owner reference to its parent, blocking deletion, not as controller', () => {
    const child = buildTaskAction({ ...root, actionName: 'b1', parentActionName: 'a0' }, { name: 'parent-cr', uid: 'u-1' });
    expect(child.metadata.ownerReferences).toEqual([
      { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'parent-cr', uid: 'u-1', blockOwnerDeletion: true },
    ]);
    expect(child.metadata.ownerReferences?.[0]).not.toHaveProperty('controller');
    expect(child.metadata.labels?.['flyte.org/is-root']).toBe('false');
    expect(child.spec.parentActionName).toBe('a0');
    expect(child.metadata).not.toHaveProperty('namespace');
    expect(parentOwnerReference({ name: 'p', uid: 'u' }).blockOwnerDeletion).toBe(true);
  });

  it('takes taskType from the template and keeps given bytes byte for byte', () => {
    const pod = podTaskTemplate({ podSpec: { containers: [{ name: 'c', image: 'x' }] } });
    const bytes = encodeTaskTemplate(pod);
    const action = buildTaskAction({ ...root, taskTemplate: bytes });
    expect(action.spec.taskType).toBe('sidecar');
    expect(action.spec.taskTemplate).toBe(Buffer.from(bytes).toString('base64'));
    expect(viewTaskTemplateBase64(action.spec.taskTemplate ?? '').target.kind).toBe('pod');
  });

  it('uses given URIs, a given data root, and the optional fields of the current Flyte shape', () => {
    const action = buildTaskAction(
      { ...root, inputUri: 's3://b/in', runOutputBase: 's3://b/out/', cacheKey: 'k', group: 'g', envVars: { A: '1' }, interruptible: true },
    );
    expect(action.spec).toMatchObject({
      inputUri: 's3://b/in',
      runOutputBase: 's3://b/out/',
      cacheKey: 'k',
      group: 'g',
      envVars: { A: '1' },
      interruptible: true,
    });
    const other = buildTaskAction(root, undefined, { dataRoot: 's3://bucket/' });
    expect(other.spec.runOutputBase).toBe('s3://bucket/acme/flytesnacks/development/r1/');
    expect(other.spec.inputUri).toBe(defaultInputUri(root, 'a0', 's3://bucket'));
    expect(defaultRunOutputBase(root)).toBe('file:///tmp/kueue/acme/flytesnacks/development/r1/');
  });

  it('validates before building', () => {
    expect(() => buildTaskAction({ ...root, runName: 'x'.repeat(31) })).toThrow(UserError);
    expect(() => buildTaskAction({ ...root, runName: 'X', actionName: '' })).toThrow(UserErrors);
    expect(() => buildTaskAction({ ...root, parentActionName: '' }, { name: 'p', uid: 'u' })).toThrow(
      'spec.parentActionName is empty',
    );
    expect(() => buildTaskAction({ ...root, taskTemplate: new Uint8Array([1, 2, 3]) })).toThrow(UserError);
  });

  it('needs the parent reference exactly for children', () => {
    expect(() => buildTaskAction({ ...root, actionName: 'b', parentActionName: 'a0' })).toThrow(
      'parent action "a0" of run "r1" is not known',
    );
    expect(() => buildTaskAction(root, { name: 'p', uid: 'u' })).toThrow('has no parent action name');
    expect(() => buildTaskAction({ ...root, actionName: 'b', parentActionName: 'a0' }, { name: 'p', uid: '' })).toThrow(
      'needs both the name and the uid',
    );
  });
});
