import { type JsonObject, create, toBinary } from '@bufbuild/protobuf';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors/user-error.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import {
  type PodTaskOptions,
  PRIMARY_CONTAINER_CONFIG_KEY,
  SEQUENTIAL_CONFIG_KEY,
  podTaskTemplate,
} from '../../../shared/task-action/pod-task.js';
import {
  base64ToBytes,
  bytesToBase64,
  decodeTaskTemplate,
  encodeTaskTemplate,
  taskTemplateFromBase64,
  taskTemplateToBase64,
} from '../../../shared/task-action/task-template-codec.js';
import { viewTaskTemplate, viewTaskTemplateBase64 } from '../../../shared/task-action/task-template-view.js';

function roundTrip(template: ReturnType<typeof containerTaskTemplate>) {
  return viewTaskTemplate(decodeTaskTemplate(encodeTaskTemplate(template)));
}

function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('container tasks', () => {
  it('round-trip image, command, args, env, resources and metadata', () => {
    const view = roundTrip(
      containerTaskTemplate({
        image: 'busybox:1.36',
        command: ['sh', '-c'],
        args: ['echo hello && sleep 1'],
        env: [
          { name: 'B', value: '2' },
          { name: 'A', value: '1' },
        ],
        resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi', gpu: '1' } },
        retries: 2,
        timeoutSeconds: 90.5,
        interruptible: true,
        discoverable: true,
        discoveryVersion: 'v1',
        tags: { team: 'ml' },
        serviceAccount: 'runner',
        id: { project: 'p', domain: 'd', name: 'hello', version: '7' },
        config: { custom: 'yes' },
      }),
    );
    expect(view).toEqual({
      taskType: 'container',
      taskTypeVersion: 0,
      id: { org: '', project: 'p', domain: 'd', name: 'hello', version: '7' },
      retries: 2,
      maxAttempts: 3,
      timeoutSeconds: 90.5,
      interruptible: true,
      discoverable: true,
      discoveryVersion: 'v1',
      tags: { team: 'ml' },
      serviceAccount: 'runner',
      config: { custom: 'yes' },
      sequential: false,
      target: {
        kind: 'container',
        image: 'busybox:1.36',
        command: ['sh', '-c'],
        args: ['echo hello && sleep 1'],
        env: [
          { name: 'B', value: '2' },
          { name: 'A', value: '1' },
        ],
        // Completed as Flyte's executor completes them: a missing limit is the request, a missing request the limit.
        resources: {
          requests: { cpu: '250m', memory: '64Mi', 'nvidia.com/gpu': '1' },
          limits: { cpu: '250m', memory: '128Mi', 'nvidia.com/gpu': '1' },
        },
      },
    });
  });

  it('uses defaults: type container, no retries, one attempt', () => {
    const view = roundTrip(containerTaskTemplate({ image: 'alpine', env: { X: '1' } }));
    expect(view).toMatchObject({ taskType: 'container', retries: 0, maxAttempts: 1, sequential: false });
    expect(view.interruptible).toBeUndefined();
    expect(view.timeoutSeconds).toBeUndefined();
    expect(view.target).toMatchObject({ kind: 'container', env: [{ name: 'X', value: '1' }], command: [], args: [] });
  });

  it('takes another task type', () => {
    expect(roundTrip(containerTaskTemplate({ image: 'alpine', taskType: 'python-task' })).taskType).toBe('python-task');
  });

  it.each([
    [{ image: ' ' }, 'image'],
    [{ image: 'a', resources: { requests: { cpus: '1' } } }, 'resources.requests.cpus'],
    [{ image: 'a', resources: { limits: { memory: '1 GB' } } }, 'resources.limits.memory'],
    [{ image: 'a', retries: -1 }, 'retries'],
    [{ image: 'a', retries: 1.5 }, 'retries'],
    [{ image: 'a', timeoutSeconds: 0 }, 'timeout'],
    [{ image: 'a', taskType: '' }, 'spec.taskType'],
    [{ image: 'a', env: [{ name: '', value: 'x' }] }, 'env[0]'],
  ])('rejects %j at %s', (options, field) => {
    expect(userErrorOf(() => containerTaskTemplate(options)).location.field).toBe(field);
  });

  it('accepts Kubernetes quantities', () => {
    for (const quantity of ['1', '0.5', '.5', '500m', '1Gi', '512Mi', '1e3', '2k', '1.5G']) {
      expect(() => containerTaskTemplate({ image: 'a', resources: { limits: { cpu: quantity } } })).not.toThrow();
    }
  });
});

describe('pod tasks', () => {
  const podSpec: JsonObject = {
    containers: [
      { name: 'main', image: 'busybox', command: ['sh', '-c', 'echo main'], ports: [{ containerPort: 8080 }] },
      { name: 'side', image: 'busybox', command: ['sleep'], args: ['1'] },
    ],
    restartPolicy: 'Never',
  };

  it('round-trip the pod spec, primary container, labels and annotations', () => {
    const template = podTaskTemplate({
      podSpec,
      primaryContainerName: 'main',
      labels: { app: 'demo' },
      annotations: { note: 'x' },
      retries: 1,
    });
    const view = viewTaskTemplate(decodeTaskTemplate(encodeTaskTemplate(template)));
    expect(view).toMatchObject({
      taskType: 'sidecar',
      taskTypeVersion: 2,
      retries: 1,
      sequential: false,
      config: { [PRIMARY_CONTAINER_CONFIG_KEY]: 'main' },
      target: { kind: 'pod', podSpec, primaryContainerName: 'main', labels: { app: 'demo' }, annotations: { note: 'x' } },
    });
  });

  it('defaults the primary container to the only container, and is not sequential unless asked', () => {
    const view = viewTaskTemplate(
      podTaskTemplate({ podSpec: { containers: [{ name: 'only', image: 'x' }] }, taskType: 'pod' }),
    );
    expect(view).toMatchObject({ taskType: 'pod', sequential: false, target: { primaryContainerName: 'only' } });
    expect(view.config[SEQUENTIAL_CONFIG_KEY]).toBeUndefined();
  });

  it('drops undefined members of the pod spec instead of failing', () => {
    const spec = { containers: [{ name: 'c', image: 'x', command: undefined }] };
    const view = viewTaskTemplate(podTaskTemplate({ podSpec: spec }));
    expect(view.target).toMatchObject({ podSpec: { containers: [{ name: 'c', image: 'x' }] } });
  });

  it('sequential: false removes a flag given through config', () => {
    const view = viewTaskTemplate(
      podTaskTemplate({ podSpec, primaryContainerName: 'main', config: { [SEQUENTIAL_CONFIG_KEY]: 'true' }, sequential: false }),
    );
    expect(view.sequential).toBe(false);
  });

  it.each<[PodTaskOptions, string]>([
    [{ podSpec: {} }, 'podSpec.containers'],
    [{ podSpec: { containers: [] } }, 'podSpec.containers'],
    [{ podSpec: { containers: [{ image: 'x' }] } }, 'podSpec.containers[0].name'],
    [{ podSpec }, 'primaryContainerName'],
    [{ podSpec, primaryContainerName: 'nope' }, 'primaryContainerName'],
  ])('rejects %j at %s', (options, field) => {
    const error = userErrorOf(() => podTaskTemplate(options));
    expect(error.location.field).toBe(field);
  });

  it('names the candidates when the primary container is ambiguous', () => {
    expect(userErrorOf(() => podTaskTemplate({ podSpec })).hint).toBe('name one of: main, side');
  });

  it('reads the primary container from K8sPod when config lacks it', () => {
    const template = podTaskTemplate({ podSpec, primaryContainerName: 'side' });
    delete template.config[PRIMARY_CONTAINER_CONFIG_KEY];
    expect(viewTaskTemplate(template).target).toMatchObject({ primaryContainerName: 'side' });
  });
});

describe('decoding', () => {
  it('rejects empty bytes and bytes that do not parse', () => {
    expect(userErrorOf(() => decodeTaskTemplate(new Uint8Array())).message).toBe('the task template is empty');
    const error = userErrorOf(() => decodeTaskTemplate(new Uint8Array([0x0a, 0xff, 0xff])));
    expect(error.message).toMatch(/^the task template is not a binary flyteidl2.core.TaskTemplate: /);
    expect(error.location.field).toBe('spec.taskTemplate');
  });

  it('rejects a message without a task type', () => {
    const bytes = toBinary(TaskTemplateSchema, create(TaskTemplateSchema, { taskTypeVersion: 3 }));
    expect(userErrorOf(() => decodeTaskTemplate(bytes)).message).toContain('has no task type');
  });

  it('answers arbitrary bytes with a template or a UserError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          expect(decodeTaskTemplate(bytes).type).not.toBe('');
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
        }
      }),
    );
  });

  it('uses strict base64', () => {
    const template = containerTaskTemplate({ image: 'alpine' });
    const text = taskTemplateToBase64(template);
    expect(taskTemplateFromBase64(text).type).toBe('container');
    expect(viewTaskTemplateBase64(text).taskType).toBe('container');
    expect(userErrorOf(() => base64ToBytes('abc$')).message).toBe('the value is not valid base64');
    expect(userErrorOf(() => base64ToBytes('abc')).message).toBe('the value is not valid base64');
    expect(userErrorOf(() => viewTaskTemplateBase64('!!!!', { field: 'x' })).location.field).toBe('x');
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
  });
});
