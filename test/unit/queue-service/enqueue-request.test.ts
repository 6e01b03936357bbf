import { create } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { ActionIdentifierSchema, RunIdentifierSchema } from '@flyteorg/flyteidl2/flyteidl2/common/identifier_pb.js';
import { KeyValuePairSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { EnqueueActionRequestSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { describe, expect, it } from 'vitest';
import { actionFromAbortRequest, runFromAbortRequest } from '../../../shared/queue/service/abort-request.js';
import { actionFromEnqueueRequest } from '../../../shared/queue/service/enqueue-request.js';
import { buildTaskAction } from '../../../shared/task-action/build-task-action.js';
import { decodeTaskTemplate } from '../../../shared/task-action/task-template-codec.js';
import { type EnqueueInit, RUN_ID, enqueueRequest } from './queue-requests.js';

function decode(init: EnqueueInit) {
  return actionFromEnqueueRequest(create(EnqueueActionRequestSchema, init));
}

function rejection(fn: () => unknown): ConnectError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConnectError) return err;
    throw err;
  }
  throw new Error('expected a ConnectError');
}

describe('actionFromEnqueueRequest', () => {
  it('maps the request onto the action: ids, parent, URIs, short name and the template', () => {
    const action = decode(enqueueRequest('run-1', 'train', 'root', { shortName: 'Train model' }));
    expect(action).toMatchObject({
      ...RUN_ID,
      runName: 'run-1',
      actionName: 'train',
      parentActionName: 'root',
      inputUri: 's3://bucket/acme/ml/dev/run-1/train/inputs.pb',
      runOutputBase: 's3://bucket/acme/ml/dev/run-1/',
      shortName: 'Train model',
    });
    const built = buildTaskAction(action, { name: 'p', uid: 'u' });
    expect(built.metadata.name).toBe('acme-ml-dev-run-1-train');
    expect(built.spec.taskType).toBe('container');
    const template = decodeTaskTemplate(Buffer.from(built.spec.taskTemplate ?? '', 'base64'));
    expect(template.target.case).toBe('container');
  });

  it('keeps group, cache key, run environment and interruptible, and leaves out what is not set', () => {
    const init = enqueueRequest('run-1', 'root');
    const action = decode({
      ...init,
      group: 'training',
      runSpec: { envs: { values: [create(KeyValuePairSchema, { key: 'STAGE', value: 'dev' })] }, interruptible: true },
      spec: init.spec?.case === 'task' ? { case: 'task', value: { ...init.spec.value, cacheKey: 'k1' } } : init.spec,
    });
    expect(action).toMatchObject({ group: 'training', cacheKey: 'k1', envVars: { STAGE: 'dev' }, interruptible: true });
    expect(action.parentActionName).toBeUndefined();

    const bare = decode({ ...enqueueRequest('run-1', 'root'), inputUri: '', runOutputBase: '' });
    expect(Object.keys(bare)).not.toContain('group');
    expect(Object.keys(bare)).not.toContain('inputUri');
    expect(Object.keys(bare)).not.toContain('envVars');
    expect(Object.keys(bare)).not.toContain('interruptible');
  });

  it('answers invalid_argument for a request without action_id instead of crashing', () => {
    const err = rejection(() => decode({ ...enqueueRequest('r', 'a'), actionId: undefined }));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(/^action_id is required/);
  });

  it('answers invalid_argument for an action_id without its run', () => {
    const err = rejection(() => decode({ ...enqueueRequest('r', 'a'), actionId: { name: 'a' } }));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(/^action_id\.run is required/);
  });

  it('rejects an explicitly empty parent name, naming parent_action_name', () => {
    const err = rejection(() => decode(enqueueRequest('r', 'a', '')));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toContain('parent_action_name is empty');
    expect(err.rawMessage).not.toContain('spec.');
  });

  it('rejects a run name over 30 characters before Kubernetes would', () => {
    const name = 'r'.repeat(31);
    const err = rejection(() => decode(enqueueRequest(name, 'a')));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toBe(
      `action_id.run.name "${name}" is 31 characters long; at most 30 are allowed; use a run name of at most 30 characters`,
    );
  });

  it('lists every problem at once, in request field names', () => {
    const init = enqueueRequest('Run_1', 'a');
    const err = rejection(() => decode({ ...init, actionId: { run: { org: '', project: 'ml', domain: 'dev', name: 'Run_1' }, name: 'a'.repeat(31) } }));
    const lines = err.rawMessage.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^action_id\.run\.org must not be empty/);
    expect(lines[1]).toMatch(/^action_id\.run\.name "Run_1" is not valid.*use for example "run-1"/);
    expect(lines[2]).toMatch(/^action_id\.name "a{31}" is 31 characters long/);
  });

  it('requires a task with a template, and still reports identifier problems with it', () => {
    const noTask = rejection(() => decode({ ...enqueueRequest('r', 'a'), spec: { case: undefined } }));
    expect(noTask.code).toBe(Code.InvalidArgument);
    expect(noTask.rawMessage).toMatch(/^task is required/);

    const noTemplate = rejection(() => decode({ ...enqueueRequest('r'.repeat(31), 'a'), spec: { case: 'task', value: { spec: {} } } }));
    expect(noTemplate.rawMessage.split('\n')).toEqual([
      expect.stringMatching(/^action_id\.run\.name .* at most 30 are allowed/),
      expect.stringMatching(/^task\.spec\.task_template is required/),
    ]);

    const noType = rejection(() => decode({ ...enqueueRequest('r', 'a'), spec: { case: 'task', value: { spec: { taskTemplate: {} } } } }));
    expect(noType.rawMessage).toMatch(/^task\.spec\.task_template\.type is required/);
  });

  it('answers unimplemented for trace and condition actions, which TaskActions cannot hold', () => {
    const trace = rejection(() => decode({ ...enqueueRequest('r', 'a'), spec: { case: 'trace', value: { name: 't' } } }));
    expect(trace.code).toBe(Code.Unimplemented);
    expect(trace.rawMessage).toMatch(/^trace actions are not supported/);
    const condition = rejection(() => decode({ ...enqueueRequest('r', 'a'), spec: { case: 'condition', value: { name: 'c' } } }));
    expect(condition.code).toBe(Code.Unimplemented);
  });

  it('rejects a short name over 63 characters under task.spec.short_name', () => {
    const err = rejection(() => decode(enqueueRequest('r', 'a', undefined, { shortName: 'x'.repeat(64) })));
    expect(err.rawMessage).toMatch(/^task\.spec\.short_name .* 64 characters long/);
  });
});

describe('abort requests', () => {
  it('take the run from run_id and validate it in request field names', () => {
    expect(runFromAbortRequest(create(RunIdentifierSchema, { ...RUN_ID, name: 'run-1' }))).toEqual({ ...RUN_ID, runName: 'run-1' });
    expect(rejection(() => runFromAbortRequest(undefined)).rawMessage).toMatch(/^run_id is required/);
    const err = rejection(() => runFromAbortRequest(create(RunIdentifierSchema, { ...RUN_ID, name: 'x'.repeat(31) })));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(/^run_id\.name "x{31}" is 31 characters long/);
  });

  it('take the action from action_id and validate it in request field names', () => {
    expect(actionFromAbortRequest(create(ActionIdentifierSchema, { run: { ...RUN_ID, name: 'run-1' }, name: 'train' }))).toEqual({
      run: { ...RUN_ID, runName: 'run-1' },
      actionName: 'train',
    });
    expect(rejection(() => actionFromAbortRequest(undefined)).rawMessage).toMatch(/^action_id is required/);
    expect(rejection(() => actionFromAbortRequest(create(ActionIdentifierSchema, { name: 'a' }))).rawMessage).toMatch(/^action_id\.run is required/);
    const err = rejection(() => actionFromAbortRequest(create(ActionIdentifierSchema, { run: { ...RUN_ID, name: 'run-1' }, name: '' })));
    expect(err.rawMessage).toMatch(/^action_id\.name must not be empty/);
  });
});
