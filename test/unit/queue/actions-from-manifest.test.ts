import { describe, expect, it } from 'vitest';
import { firstUserError } from '../../helpers/catch-user-errors.js';
import { actionsFromManifest } from '../../../shared/queue/actions-from-manifest.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { decodeTaskTemplate, encodeTaskTemplate } from '../../../shared/task-action/task-template-codec.js';
import { viewTaskTemplate } from '../../../shared/task-action/task-template-view.js';
import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';

const defaults = { org: 'o', project: 'p', domain: 'd' };
const at = { file: 'run.yaml', document: 0, line: 1 };

function template(t: TaskTemplate | Uint8Array): TaskTemplate {
  return t instanceof Uint8Array ? decodeTaskTemplate(t) : t;
}


describe('actionsFromManifest', () => {
  it('reads TaskAction documents with an expanded container template', () => {
    const [action] = actionsFromManifest(
      [
        {
          value: {
            apiVersion: 'flyte.org/v1',
            kind: 'TaskAction',
            metadata: { annotations: { note: 'x' } },
            spec: { runName: 'r', actionName: 'a', parentActionName: 'root', taskTemplate: { retries: 2, container: { image: 'busybox', command: ['echo'], args: ['hi'], env: { A: '1' } } } },
          },
          location: at,
        },
      ],
      defaults,
    );
    expect(action).toMatchObject({ org: 'o', project: 'p', domain: 'd', runName: 'r', actionName: 'a', parentActionName: 'root', annotations: { note: 'x' } });
    const view = viewTaskTemplate(template(action!.taskTemplate));
    expect(view.retries).toBe(2);
    expect(view.target).toMatchObject({ kind: 'container', image: 'busybox', command: ['echo'], args: ['hi'] });
  });

  it('keeps a base64 template byte for byte, and rejects base64 that is not', () => {
    const bytes = encodeTaskTemplate(containerTaskTemplate({ image: 'busybox', command: ['true'] }));
    const [action] = actionsFromManifest(
      [{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a', taskTemplate: Buffer.from(bytes).toString('base64') } }, location: at }],
      defaults,
    );
    expect(action!.taskTemplate).toEqual(bytes);
    const bad = firstUserError(() =>
      actionsFromManifest([{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a', taskTemplate: '***' } }, location: at }], defaults),
    );
    expect(bad.location.field).toBe('spec.taskTemplate');
  });

  it('turns a Pod into a pod task, converted to sequential containers on request, primary = last step', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { team: 'ml' }, annotations: { 'kueue.test/outcome': 'Failed' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'one', image: 'i', command: ['a'] }, { name: 'two', image: 'i', command: ['b'] }] },
    };
    const [action] = actionsFromManifest([{ value: pod, location: at }], { ...defaults, runName: 'run', sequential: true });
    expect(action).toMatchObject({ runName: 'run', actionName: 'a0' });
    const view = viewTaskTemplate(template(action!.taskTemplate));
    // The Pod's labels and annotations go to the Pod the executor creates.
    expect(view.target).toMatchObject({ labels: { team: 'ml' }, annotations: { 'kueue.test/outcome': 'Failed' } });
    expect(view.sequential).toBe(true);
    expect(view.target).toMatchObject({ kind: 'pod', primaryContainerName: 'two' });
    const spec = (view.target as unknown as { podSpec: { initContainers: { name: string }[] } }).podSpec;
    expect(spec.initContainers[0]?.name).toBe('kueueleuleu-prepare');
  });

  it('uses a Job\'s pod template', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'main', image: 'i' }] } } } };
    const [action] = actionsFromManifest([{ value: job, location: at }], { ...defaults, runName: 'run', actionName: 'job' });
    expect(viewTaskTemplate(template(action!.taskTemplate)).target).toMatchObject({ kind: 'pod', primaryContainerName: 'main' });
  });

  it('explains what is wrong, where', () => {
    const noRun = firstUserError(() => actionsFromManifest([{ value: { apiVersion: 'v1', kind: 'Pod', spec: { containers: [] } }, location: at }], defaults));
    expect(noRun.hint).toBe('give --run NAME');
    const other = firstUserError(() => actionsFromManifest([{ value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, location: at }], defaults));
    expect(other.message).toBe('ConfigMap/c (apiVersion v1) cannot be enqueued');
    const noTemplate = firstUserError(() =>
      actionsFromManifest([{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a' } }, location: at }], defaults),
    );
    expect(noTemplate.location).toMatchObject({ file: 'run.yaml', field: 'spec.taskTemplate', object: 'TaskAction/r/a' });
    const twoPods = firstUserError(() =>
      actionsFromManifest(
        [
          { value: { apiVersion: 'v1', kind: 'Pod', spec: {} }, location: at },
          { value: { apiVersion: 'v1', kind: 'Pod', spec: {} }, location: { ...at, document: 1 } },
        ],
        { ...defaults, runName: 'r' },
      ),
    );
    expect(twoPods.location.document).toBe(1);
    const noImage = firstUserError(() =>
      actionsFromManifest([{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a', taskTemplate: { container: {} } } }, location: at }], defaults),
    );
    expect(noImage.location.field).toBe('spec.taskTemplate.container.image');
  });

  it('converts a sequential pod of a TaskAction file at enqueue, so any executor runs it in order', () => {
    const taskAction = (podSpec: object) => ({
      apiVersion: 'flyte.org/v1',
      kind: 'TaskAction',
      spec: { runName: 'r', actionName: 'publish', taskTemplate: { pod: { sequential: true, spec: podSpec } } },
    });
    const steps = { containers: [{ name: 'package', image: 'i', command: ['a'] }, { name: 'upload', image: 'i', command: ['b'] }] };
    const [action] = actionsFromManifest([{ value: taskAction(steps), location: at }], defaults);
    const view = viewTaskTemplate(template(action!.taskTemplate));
    expect(view.sequential).toBe(true);
    const target = view.target as unknown as { primaryContainerName: string; podSpec: { initContainers: { name: string }[] } };
    expect(target.primaryContainerName).toBe('upload');
    expect(target.podSpec.initContainers.map((c) => c.name)).toEqual(['kueueleuleu-prepare']);
    // Enqueueing the converted spec again does not convert it twice.
    const [again] = actionsFromManifest([{ value: taskAction(target.podSpec), location: at }], defaults);
    expect(viewTaskTemplate(template(again!.taskTemplate)).target).toMatchObject({ podSpec: target.podSpec, primaryContainerName: 'upload' });

    const noCommand = firstUserError(() =>
      actionsFromManifest([{ value: taskAction({ containers: [{ name: 'a', image: 'i' }] }), location: at }], defaults),
    );
    expect(noCommand.location).toMatchObject({ file: 'run.yaml', object: 'TaskAction/r/publish', field: 'spec.taskTemplate.pod.spec.containers[0].command' });
  });

  it('keeps a Pod converted before sequential, with or without --sequential, and never converts it twice', () => {
    const converted = actionsFromManifest(
      [{ value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'one', image: 'i', command: ['a'] }, { name: 'two', image: 'i', command: ['b'] }] } }, location: at }],
      { ...defaults, runName: 'run', sequential: true },
    );
    const spec = (viewTaskTemplate(template(converted[0]!.taskTemplate)).target as unknown as { podSpec: object }).podSpec;
    for (const sequential of [true, false]) {
      const [action] = actionsFromManifest([{ value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }, location: at }], { ...defaults, runName: 'run', sequential });
      const view = viewTaskTemplate(template(action!.taskTemplate));
      expect(view.sequential).toBe(true);
      expect(view.target).toMatchObject({ podSpec: spec, primaryContainerName: 'two' });
    }
  });

  it('gives pod tasks from manifests a limit for every request, and places resource mistakes in the manifest', () => {
    const job = (resources: object) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { spec: { initContainers: [{ name: 'init', image: 'i', resources }], containers: [{ name: 'main', image: 'i' }] } } },
    });
    const [action] = actionsFromManifest([{ value: job({ requests: { cpu: '500m' } }), location: at }], { ...defaults, runName: 'run' });
    const target = viewTaskTemplate(template(action!.taskTemplate)).target as unknown as { podSpec: { initContainers: { resources: object }[] } };
    expect(target.podSpec.initContainers[0]?.resources).toEqual({ requests: { cpu: '500m' }, limits: { cpu: '500m' } });
    const bad = firstUserError(() => actionsFromManifest([{ value: job({ limits: { memory: 'much' } }), location: at }], { ...defaults, runName: 'run' }));
    expect(bad.location).toMatchObject({ object: 'Job/j', field: 'spec.template.spec.initContainers[0].resources.limits.memory' });
    const badContainer = firstUserError(() =>
      actionsFromManifest(
        [{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a', taskTemplate: { container: { image: 'i', resources: { requests: { cpu: 'x' } } } } } }, location: at }],
        defaults,
      ),
    );
    expect(badContainer.location.field).toBe('spec.taskTemplate.container.resources.requests.cpu');
  });
});
