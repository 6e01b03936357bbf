import { describe, expect, it } from 'vitest';
import { type Pod } from '../../../shared/kube/pod.js';
import { containerLogState } from '../../../shared/logs/container-state.js';
import { logContainers } from '../../../shared/logs/log-containers.js';
import { firstUserError } from '../../helpers/catch-user-errors.js';

function pod(containers: string[], options: { init?: string[]; annotations?: Record<string, string>; status?: Pod['status'] } = {}): Pod {
  const spec = (name: string) => ({ name, image: 'busybox' });
  return {
    metadata: { name: 'p', annotations: options.annotations },
    spec: { containers: containers.map(spec), initContainers: options.init?.map(spec) },
    status: options.status,
  };
}

const sequential = { 'norbjd.github.io/kueueleuleu': 'true' };

describe('logContainers', () => {
  it("reads a sequential Pod's steps in order, user init containers first, never the prepare container", () => {
    expect(logContainers(pod(['b', 'c'], { init: ['kueueleuleu-prepare', 'a'], annotations: sequential }), {})).toEqual(['a', 'b', 'c']);
    expect(logContainers(pod(['b', 'c'], { init: ['kueueleuleu-prepare'], annotations: sequential }), { step: 'c' })).toEqual(['c']);
  });

  it("defaults to kubectl's default container, then the task's primary container, then the first", () => {
    expect(logContainers(pod(['a', 'b'], { annotations: { 'kubectl.kubernetes.io/default-container': 'b', primary_container_name: 'a' } }), {})).toEqual(['b']);
    expect(logContainers(pod(['a', 'b'], { annotations: { primary_container_name: 'b' } }), {})).toEqual(['b']);
    expect(logContainers(pod(['a', 'b']), {})).toEqual(['a']);
    expect(logContainers(pod(['a'], { init: ['setup'] }), { container: 'setup' })).toEqual(['setup']);
  });

  it('refuses unknown containers and steps with the valid names', () => {
    expect(firstUserError(() => logContainers(pod(['a', 'b'], { init: ['i'] }), { container: 'x' }))).toMatchObject({
      message: 'Pod p has no container "x"',
      hint: 'its containers: i, a, b',
      location: { object: 'Pod p', field: '--container' },
    });
    expect(firstUserError(() => logContainers(pod(['a', 'b'], { annotations: sequential }), { step: 'x' }))).toMatchObject({ hint: 'its steps, in order: a, b' });
    expect(firstUserError(() => logContainers(pod(['a', 'b']), { step: 'a' }))).toMatchObject({
      message: 'Pod p does not run its containers in sequence, so it has no steps',
      hint: 'choose a container with -c: a, b',
    });
  });
});

describe('containerLogState', () => {
  it('tells waiting, running, ended, never ran and gone apart', () => {
    const status = (phase: string, state: object | undefined): Pod['status'] => ({ phase, containerStatuses: state ? [{ name: 'a', state }] : [] }) as Pod['status'];
    expect(containerLogState(undefined, 'a')).toBe('gone');
    expect(containerLogState(pod(['a'], { status: status('Pending', { waiting: {} }) }), 'a')).toBe('waiting');
    expect(containerLogState(pod(['a'], { status: status('Running', { running: {} }) }), 'a')).toBe('running');
    expect(containerLogState(pod(['a'], { status: status('Running', { terminated: { exitCode: 0 } }) }), 'a')).toBe('ended');
    expect(containerLogState(pod(['a'], { status: status('Succeeded', { running: {} }) }), 'a')).toBe('ended');
    expect(containerLogState(pod(['a'], { status: status('Failed', undefined) }), 'a')).toBe('never-ran');
  });
});
