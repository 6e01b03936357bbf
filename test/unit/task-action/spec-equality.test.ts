import { create } from '@bufbuild/protobuf';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { describe, expect, it } from 'vitest';
import { buildTaskAction } from '../../../shared/task-action/build-task-action.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { sameSpec, specDifferences } from '../../../shared/task-action/spec-equality.js';
import { bytesToBase64, encodeTaskTemplate } from '../../../shared/task-action/task-template-codec.js';
import { type TaskActionSpec } from '../../../shared/task-action/types.js';

const spec = buildTaskAction({
  org: 'o',
  project: 'p',
  domain: 'd',
  runName: 'r',
  actionName: 'a',
  taskTemplate: containerTaskTemplate({ image: 'busybox', config: { a: '1', b: '2' } }),
}).spec;

describe('spec equality', () => {
  it('an identical spec is unchanged', () => {
    expect(specDifferences(spec, structuredClone(spec))).toEqual([]);
    expect(sameSpec(spec, { ...spec })).toBe(true);
  });

  it('ignores what the API server omits: empty strings, empty maps, default action type', () => {
    const answered: TaskActionSpec = { ...spec, shortName: '', envVars: {}, actionType: 'task' };
    expect(specDifferences(answered, spec)).toEqual([]);
  });

  it('names each differing field', () => {
    const other: TaskActionSpec = { ...spec, runOutputBase: 's3://x/', shortName: 'n', envVars: { A: '1' } };
    expect(specDifferences(spec, other)).toEqual(['spec.envVars', 'spec.runOutputBase', 'spec.shortName']);
    expect(specDifferences({ ...spec, envVars: { A: '1' } }, { ...spec, envVars: { A: '2' } })).toEqual(['spec.envVars']);
    expect(specDifferences({ ...spec, interruptible: false }, spec)).toEqual(['spec.interruptible']);
  });

  it('compares templates as messages, so another encoding of the same template is equal', () => {
    // Same message, map entries encoded in the other order.
    const reordered = create(TaskTemplateSchema, {
      type: 'container',
      config: { b: '2', a: '1' },
      metadata: containerTaskTemplate({ image: 'busybox' }).metadata,
      target: containerTaskTemplate({ image: 'busybox' }).target,
    });
    const bytes = encodeTaskTemplate(reordered);
    const text = bytesToBase64(bytes);
    expect(text).not.toBe(spec.taskTemplate);
    expect(specDifferences(spec, { ...spec, taskTemplate: text })).toEqual([]);
  });

  it('a different or broken template differs', () => {
    const other = buildTaskAction({
      org: 'o',
      project: 'p',
      domain: 'd',
      runName: 'r',
      actionName: 'a',
      taskTemplate: containerTaskTemplate({ image: 'alpine' }),
    }).spec;
    expect(specDifferences(spec, other)).toEqual(['spec.taskTemplate']);
    expect(specDifferences(spec, { ...spec, taskTemplate: 'AAAA' })).toEqual(['spec.taskTemplate']);
    expect(specDifferences(spec, { ...spec, taskTemplate: undefined })).toEqual(['spec.taskTemplate']);
  });
});
