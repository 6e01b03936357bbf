import { type JsonObject } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { catchUserErrors, firstUserError } from '../../helpers/catch-user-errors.js';
import { PRIMARY_CONTAINER_CONFIG_KEY, SEQUENTIAL_CONFIG_KEY, podTaskTemplate } from '../../../shared/task-action/pod-task.js';
import { isSequentialPodSpec } from '../../../shared/task-action/sequential-pod.js';
import { decodeTaskTemplate, encodeTaskTemplate } from '../../../shared/task-action/task-template-codec.js';
import { type PodTarget, viewTaskTemplate } from '../../../shared/task-action/task-template-view.js';

const steps: JsonObject = {
  restartPolicy: 'Never',
  containers: [
    { name: 'package', image: 'busybox', command: ['sh', '-c', 'echo packaging'], resources: { requests: { cpu: '200m' } } },
    { name: 'upload', image: 'busybox', command: ['sh', '-c', 'echo uploading'] },
  ],
};

function podTarget(options: Parameters<typeof podTaskTemplate>[0]): { view: ReturnType<typeof viewTaskTemplate>; target: PodTarget } {
  const view = viewTaskTemplate(decodeTaskTemplate(encodeTaskTemplate(podTaskTemplate(options))));
  if (view.target.kind !== 'pod') throw new Error('expected a pod target');
  return { view, target: view.target };
}

function containers(spec: JsonObject, key: 'containers' | 'initContainers'): JsonObject[] {
  return (spec[key] ?? []) as JsonObject[];
}

describe('sequential pod tasks', () => {
  it('hold the converted Pod, so any executor runs the steps in order; the primary container is the last step', () => {
    const { view, target } = podTarget({ podSpec: steps, sequential: true, annotations: { note: 'x' } });
    expect(view.sequential).toBe(true);
    expect(view.config).toMatchObject({ [SEQUENTIAL_CONFIG_KEY]: 'true', [PRIMARY_CONTAINER_CONFIG_KEY]: 'upload' });
    expect(target.primaryContainerName).toBe('upload');
    expect(isSequentialPodSpec(target.podSpec)).toBe(true);
    expect(containers(target.podSpec, 'initContainers').map((c) => c['name'])).toEqual(['kueueleuleu-prepare']);
    const [first, second] = containers(target.podSpec, 'containers');
    expect(first?.['command']).toEqual(['/tekton/bin/entrypoint']);
    expect(second?.['args']).toEqual(expect.arrayContaining(['-wait_file', '/tekton/run/0/out', '-entrypoint', 'sh']));
    // Flyte's executor puts these on the Pod: `kubectl kueue status` finds the marker, revert the commands.
    expect(target.annotations).toMatchObject({ note: 'x', 'norbjd.github.io/kueueleuleu': 'true' });
    expect(Object.keys(target.annotations).length).toBeGreaterThan(2);
    // The step's request still gets its limit after the conversion.
    expect(first?.['resources']).toEqual({ requests: { cpu: '200m' }, limits: { cpu: '200m' } });
  });

  it('are recognised when converted already, and never converted twice', () => {
    const once = podTarget({ podSpec: steps, sequential: true }).target;
    for (const sequential of [true, undefined]) {
      const again = podTarget({ podSpec: once.podSpec, ...(sequential ? { sequential } : {}) });
      expect(again.view.sequential).toBe(true);
      expect(again.target.podSpec).toEqual(once.podSpec);
      expect(again.target.primaryContainerName).toBe('upload');
      expect(again.target.annotations).toMatchObject({ 'norbjd.github.io/kueueleuleu': 'true' });
    }
  });

  it('follow the sequential flag given through config', () => {
    const { target } = podTarget({ podSpec: steps, config: { [SEQUENTIAL_CONFIG_KEY]: 'true' } });
    expect(isSequentialPodSpec(target.podSpec)).toBe(true);
    expect(podTarget({ podSpec: steps, primaryContainerName: 'package' }).view.sequential).toBe(false);
  });

  it('refuse a primary container that is not the last step, which would end the task on Flyte\'s executor too soon', () => {
    const error = firstUserError(() => podTaskTemplate({ podSpec: steps, sequential: true, primaryContainerName: 'package' }));
    expect(error.message).toBe('the primary container of a sequential pod is its last step "upload", not "package"');
    expect(error.location.field).toBe('primaryContainerName');
    expect(() => podTaskTemplate({ podSpec: steps, sequential: true, primaryContainerName: 'upload' })).not.toThrow();
  });

  it('report what the conversion cannot do at the pod spec\'s fields', () => {
    const errors = catchUserErrors(() =>
      podTaskTemplate({
        podSpec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y', command: ['b'], volumeMounts: [{ name: 'v', mountPath: '/tekton/x' }] }] },
        sequential: true,
      }),
    );
    expect(errors.map((e) => e.location.field)).toEqual(['podSpec.containers[1].volumeMounts[0].mountPath', 'podSpec.containers[0].command']);
  });
});
