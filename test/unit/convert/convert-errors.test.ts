import { describe, expect, it } from 'vitest';
import { convertJob, convertPod } from '../../../shared/convert/convert-object.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }) {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: { restartPolicy: 'Never', ...spec } };
}

const step = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'busybox', command: ['true'], ...extra });

describe('containers without command', () => {
  it('lists every offending container in one error, with the fix', () => {
    const errors = catchUserErrors(() =>
      convertPod(pod({ containers: [{ name: 'a', image: 'x' }, step('b'), { name: 'c', image: 'x', command: [] }, { name: 'd', image: 'x', command: null }] })),
    );
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error?.message).toBe(
      'containers "a", "c" and "d" have no command: the sequential entrypoint must be told what to run, and an image\'s entrypoint cannot be guessed offline',
    );
    expect(error?.location).toEqual({ object: 'Pod/p', field: 'spec.containers[0].command' });
    expect(error?.hint).toMatch(/^add "command:" .* to each of them/);
  });

  it('names a single offending container', () => {
    const [error] = catchUserErrors(() => convertPod(pod({ containers: [step('a'), { name: 'step2', image: 'x', args: ['hi'] }] })));
    expect(error?.message).toMatch(/^container "step2" has no command: /);
    expect(error?.location.field).toBe('spec.containers[1].command');
    expect(error?.hint).toMatch(/add "command:" .* to it with what the image runs/);
  });

  it('does not check user init containers, like the original tool', () => {
    expect(() => convertPod(pod({ initContainers: [{ name: 'i', image: 'x' }], containers: [step('a')] }))).not.toThrow();
  });
});

describe('already converted objects', () => {
  it('are refused, saying why', () => {
    const once = convertPod(pod({ containers: [step('a')] })).object;
    const [error] = catchUserErrors(() => convertPod(once));
    expect(error?.message).toBe('already converted to sequential containers: converting again would nest entrypoints and duplicate volumes');
    expect(error?.location).toEqual({ object: 'Pod/p', field: 'metadata.annotations["norbjd.github.io/kueueleuleu"]' });
    expect(error?.hint).toMatch(/revert it first/);
  });

  it('are returned unchanged with ifConverted: skip', () => {
    const once = convertPod(pod({ containers: [step('a')] })).object;
    expect(convertPod(once, { ifConverted: 'skip' })).toEqual({ object: once, changed: false, warnings: [] });
  });
});

describe('clashes with what convert adds', () => {
  it.each([
    [
      'a tekton-internal-* volume',
      { containers: [step('a')], volumes: [{ name: 'tekton-internal-cache', emptyDir: {} }] },
      'volume "tekton-internal-cache" uses the prefix "tekton-internal-" of the volumes convert adds',
      'spec.volumes[0].name',
    ],
    [
      'a mount under /tekton',
      { containers: [step('a', { volumeMounts: [{ name: 'v', mountPath: '/tekton/results' }] })], volumes: [{ name: 'v' }] },
      'container "a" mounts "/tekton/results", but /tekton is where the sequential entrypoint mounts its own volumes',
      'spec.containers[0].volumeMounts[0].mountPath',
    ],
    [
      'a mount at /tekton itself, written oddly',
      { containers: [step('a', { volumeMounts: [{ name: 'v', mountPath: '//tekton/' }] })], volumes: [{ name: 'v' }] },
      'container "a" mounts "//tekton/", but /tekton is where the sequential entrypoint mounts its own volumes',
      'spec.containers[0].volumeMounts[0].mountPath',
    ],
    [
      'a terminationMessagePath under /tekton',
      { containers: [step('a', { terminationMessagePath: '/tekton/run/0/termination' })] },
      'container "a" has terminationMessagePath "/tekton/run/0/termination", but /tekton is where the sequential entrypoint mounts its own volumes',
      'spec.containers[0].terminationMessagePath',
    ],
    [
      'an init container named kueueleuleu-prepare',
      { initContainers: [{ name: 'kueueleuleu-prepare', image: 'x' }], containers: [step('a')] },
      'an init container is already named "kueueleuleu-prepare", the name of the init container convert adds',
      'spec.initContainers[0].name',
    ],
    [
      'a container named kueueleuleu-prepare',
      { containers: [step('kueueleuleu-prepare')] },
      'a container is named "kueueleuleu-prepare", the name of the init container convert adds',
      'spec.containers[0].name',
    ],
  ])('reports %s', (_case, spec, message, field) => {
    const errors = catchUserErrors(() => convertPod(pod(spec)));
    expect(errors.map((e) => [e.message, e.location.field])).toEqual([[message, field]]);
    expect(errors[0]?.location.object).toBe('Pod/p');
  });

  it('accepts mounts that only look alike (/tektonic, /data/tekton)', () => {
    const mounts = [{ name: 'v', mountPath: '/tektonic' }, { name: 'v', mountPath: '/data/tekton' }];
    expect(() => convertPod(pod({ containers: [step('a', { volumeMounts: mounts })], volumes: [{ name: 'v' }] }))).not.toThrow();
  });

  it('reports our annotations on an object not marked as converted', () => {
    const [error] = catchUserErrors(() =>
      convertPod(pod({ containers: [step('a')] }, { name: 'p', annotations: { 'norbjd.github.io/kueueleuleu': 'false' } })),
    );
    expect(error?.message).toBe('annotation norbjd.github.io/kueueleuleu is already set, but the object is not marked as converted at its top level');
    expect(error?.location.field).toBe('metadata.annotations["norbjd.github.io/kueueleuleu"]');
  });

  it('reports every problem of an object at once', () => {
    const errors = catchUserErrors(() =>
      convertPod(pod({ containers: [{ name: 'a' }], volumes: [{ name: 'tekton-internal-bin' }], initContainers: [{ name: 'kueueleuleu-prepare' }] })),
    );
    expect(errors.map((e) => e.location.field)).toEqual(['spec.containers[0].command', 'spec.initContainers[0].name', 'spec.volumes[0].name']);
  });
});

describe('malformed objects', () => {
  it.each([
    ['containers is not a list', { containers: { name: 'a' } }, 'containers must be a list', 'spec.containers'],
    ['a container is not a mapping', { containers: ['a'] }, 'containers[0] must be a mapping', 'spec.containers[0]'],
    ['command holds a number', { containers: [{ name: 'a', command: ['sleep', 5] }] }, 'must be a list of strings (quote numbers and booleans)', 'spec.containers[0].command[1]'],
    ['command is a string', { containers: [{ name: 'a', command: 'sleep 5' }] }, 'must be a list of strings', 'spec.containers[0].command'],
    ['args is a string', { containers: [{ name: 'a', command: ['sh'], args: '-c' }] }, 'must be a list of strings', 'spec.containers[0].args'],
    ['volumes is a mapping', { containers: [step('a')], volumes: { a: 1 } }, 'volumes must be a list', 'spec.volumes'],
  ])('reports when %s', (_case, spec, message, field) => {
    const errors = catchUserErrors(() => convertPod(pod(spec)));
    expect(errors.map((e) => [e.message, e.location.field])).toEqual([[message, field]]);
  });

  it('reports a missing pod spec', () => {
    const errors = catchUserErrors(() => convertJob({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: {} }));
    expect(errors.map((e) => [e.message, e.location])).toEqual([['the pod spec is missing', { object: 'Job/j', field: 'spec.template.spec' }]]);
  });

  it('reports a pod spec that is not a mapping', () => {
    const errors = catchUserErrors(() => convertPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: 'containers' }));
    expect(errors.map((e) => [e.message, e.location.field])).toEqual([['the pod spec must be a mapping', 'spec']]);
  });

  it('reports annotations that are not a mapping', () => {
    const errors = catchUserErrors(() =>
      convertPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: ['a'] }, spec: { containers: [step('a')] } }),
    );
    expect(errors.map((e) => [e.message, e.location.field])).toEqual([['must be a mapping', 'metadata.annotations']]);
  });

  it('reports metadata that is not a mapping', () => {
    const errors = catchUserErrors(() => convertPod({ apiVersion: 'v1', kind: 'Pod', metadata: 'p', spec: { containers: [step('a')] } }));
    expect(errors.map((e) => [e.message, e.location.field])).toEqual([['must be a mapping', 'metadata']]);
  });

  it('refuses an object of another kind', () => {
    const [error] = catchUserErrors(() => convertPod({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } }));
    expect(error?.message).toBe('Job/j is not a v1 Pod');
  });
});
