import { describe, expect, it } from 'vitest';
import { actionsFromManifest } from '../../../shared/queue/actions-from-manifest.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../../shared/task-action/pod-task.js';
import { decodeTaskTemplate, taskTemplateToBase64 } from '../../../shared/task-action/task-template-codec.js';
import { expandedTaskTemplate, withExpandedTemplate } from '../../../shared/task-action/task-template-expanded.js';
import { viewTaskTemplate } from '../../../shared/task-action/task-template-view.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

const defaults = { org: 'o', project: 'p', domain: 'd' };

/** Enqueue's reading of an expanded template, as the template view sees it. */
function readBack(taskTemplate: unknown) {
  const [action] = actionsFromManifest(
    [{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a', taskTemplate } }, location: { file: 'run.yaml', document: 0, line: 1 } }],
    defaults,
  );
  const template = action?.taskTemplate;
  if (template === undefined) throw new Error('expected a template');
  return viewTaskTemplate(template instanceof Uint8Array ? decodeTaskTemplate(template) : template);
}

describe('expandedTaskTemplate', () => {
  it('writes a container task in the form enqueue -f reads, which reads back to the same task', () => {
    const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c'], args: ['echo hi'], env: { MODE: 'fast' }, retries: 2, timeoutSeconds: 90 });
    const expanded = expandedTaskTemplate(taskTemplateToBase64(template));
    expect(expanded).toMatchObject({
      type: 'container',
      retries: 2,
      timeoutSeconds: 90,
      container: { image: 'busybox:1.36', command: ['sh', '-c'], args: ['echo hi'], env: { MODE: 'fast' } },
    });
    const original = viewTaskTemplate(template);
    const back = readBack(expanded);
    expect(back.target).toEqual(original.target);
    expect([back.taskType, back.retries, back.timeoutSeconds]).toEqual([original.taskType, original.retries, original.timeoutSeconds]);
  });

  it('writes a sequential pod task with its primary container and the pod spec the server holds', () => {
    const podSpec = { restartPolicy: 'Never', containers: [{ name: 'prep', image: 'busybox', command: ['sh', '-c', 'echo prep'] }, { name: 'train', image: 'busybox', command: ['sh', '-c', 'echo train'] }] };
    const template = podTaskTemplate({ podSpec, primaryContainerName: 'train', sequential: true });
    const expanded = expandedTaskTemplate(taskTemplateToBase64(template));
    const view = viewTaskTemplate(template);
    if (view.target.kind !== 'pod') throw new Error('expected a pod task');
    // The stored spec is the converted one (steps behind the entrypoint): shown as it is, not reverted.
    expect(expanded['pod']).toEqual({ sequential: true, primaryContainerName: 'train', spec: view.target.podSpec });
    expect(expanded['type']).toBe(view.taskType);
  });
});

describe('withExpandedTemplate', () => {
  const action = (taskTemplate: string | undefined): TaskAction =>
    ({ apiVersion: 'flyte.org/v1', kind: 'TaskAction', metadata: { name: 'x' }, spec: { project: 'p', domain: 'd', runName: 'r', actionName: 'a', ...(taskTemplate !== undefined ? { taskTemplate } : {}) } });

  it('replaces the base64 template and leaves the rest of the object alone', () => {
    const encoded = taskTemplateToBase64(containerTaskTemplate({ image: 'busybox', command: ['true'] }));
    const original = action(encoded);
    const shown = withExpandedTemplate(original);
    expect(shown.spec.taskTemplate).toMatchObject({ container: { image: 'busybox', command: ['true'] } });
    expect({ ...shown, spec: { ...shown.spec, taskTemplate: encoded } }).toEqual(original);
    // The object read from the server is not changed.
    expect(original.spec.taskTemplate).toBe(encoded);
  });

  it('keeps a template it cannot decode as the server holds it, and an action without one as it is', () => {
    expect(withExpandedTemplate(action('not base64 at all!')).spec.taskTemplate).toBe('not base64 at all!');
    const bare = action(undefined);
    expect(withExpandedTemplate(bare)).toBe(bare);
  });
});
