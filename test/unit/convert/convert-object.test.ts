import { describe, expect, it } from 'vitest';
import { convertCronJob, convertJob, convertObject, convertPod } from '../../../shared/convert/convert-object.js';
import { DEFAULT_ENTRYPOINT_IMAGE } from '../../../shared/convert/sequential-constants.js';
import { revertPod } from '../../../shared/convert/revert-object.js';
import { deepFreeze } from './deep-freeze.js';

const ENTRYPOINT = 'gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/entrypoint@sha256:40abc3a78b558f251e890085972ed25fe7ad428f47998bc9c9c18f564dc03c32';

function twoStepPod() {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'two-steps', labels: { app: 'demo' } },
    spec: {
      containers: [
        { name: 'step1', image: 'alpine', command: ['sh', '-c'], args: ['echo one'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        { name: 'step2', image: 'alpine', command: ['echo', 'two'], env: [{ name: 'A', value: '' }] },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
      restartPolicy: 'Never',
    },
  };
}

describe('convertPod', () => {
  it('writes exactly what the reference lists', () => {
    const { object, warnings, changed } = convertPod(deepFreeze(twoStepPod()));
    expect(changed).toBe(true);
    expect(warnings).toEqual([]);
    expect(object).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'two-steps',
        labels: { app: 'demo' },
        annotations: {
          'norbjd.github.io/kueueleuleu': 'true',
          'kueue.dev/original-commands': JSON.stringify([
            { name: 'step1', command: ['sh', '-c'], args: ['echo one'] },
            { name: 'step2', command: ['echo', 'two'] },
          ]),
        },
      },
      spec: {
        initContainers: [
          {
            name: 'kueueleuleu-prepare',
            image: ENTRYPOINT,
            command: ['/ko-app/entrypoint', 'init', '/ko-app/entrypoint', '/tekton/bin/entrypoint'],
            volumeMounts: [
              { name: 'tekton-internal-bin', mountPath: '/tekton/bin' },
              { name: 'tekton-internal-steps', mountPath: '/tekton/steps' },
            ],
          },
        ],
        containers: [
          {
            name: 'step1',
            image: 'alpine',
            command: ['/tekton/bin/entrypoint'],
            args: [
              '-post_file', '/tekton/run/0/out',
              '-step_metadata_dir', '/tekton/run/0/status',
              '-termination_path', '/tekton/run/0/termination',
              '-entrypoint', 'sh', '--', '-c', 'echo one',
            ],
            volumeMounts: [
              { name: 'data', mountPath: '/data' },
              { name: 'tekton-internal-bin', mountPath: '/tekton/bin', readOnly: true },
              { name: 'tekton-internal-run-0', mountPath: '/tekton/run/0' },
              { name: 'tekton-internal-run-1', mountPath: '/tekton/run/1', readOnly: true },
            ],
            terminationMessagePath: '/tekton/run/0/termination',
          },
          {
            name: 'step2',
            image: 'alpine',
            command: ['/tekton/bin/entrypoint'],
            args: [
              '-wait_file', '/tekton/run/0/out',
              '-post_file', '/tekton/run/1/out',
              '-step_metadata_dir', '/tekton/run/1/status',
              '-termination_path', '/tekton/run/1/termination',
              '-entrypoint', 'echo', '--', 'two',
            ],
            env: [{ name: 'A', value: '' }],
            volumeMounts: [
              { name: 'tekton-internal-bin', mountPath: '/tekton/bin', readOnly: true },
              { name: 'tekton-internal-run-0', mountPath: '/tekton/run/0', readOnly: true },
              { name: 'tekton-internal-run-1', mountPath: '/tekton/run/1' },
            ],
            terminationMessagePath: '/tekton/run/1/termination',
          },
        ],
        volumes: [
          { name: 'data', emptyDir: {} },
          { name: 'tekton-internal-steps', emptyDir: {} },
          { name: 'tekton-internal-bin', emptyDir: {} },
          { name: 'tekton-internal-run-0' },
          { name: 'tekton-internal-run-1' },
        ],
        restartPolicy: 'Never',
      },
    });
  });

  it('places new keys where people write them: initContainers before containers, args after command', () => {
    const { object } = convertPod(twoStepPod());
    const spec = object['spec'] as Record<string, unknown>;
    expect(Object.keys(spec)).toEqual(['initContainers', 'containers', 'volumes', 'restartPolicy']);
    const step2 = (spec['containers'] as Record<string, unknown>[])[1] ?? {};
    expect(Object.keys(step2)).toEqual(['name', 'image', 'command', 'args', 'env', 'volumeMounts', 'terminationMessagePath']);
    expect(Object.keys(object['metadata'] as object)).toEqual(['name', 'labels', 'annotations']);
  });

  it('gives each step a writable termination path, so readOnlyRootFilesystem steps do not fail after running', () => {
    const pod = twoStepPod();
    const [first, second] = pod.spec.containers;
    const input = {
      ...pod,
      spec: {
        ...pod.spec,
        containers: [
          { ...first, securityContext: { readOnlyRootFilesystem: true } },
          { ...second, terminationMessagePath: '/var/log/step2-message' },
        ],
      },
    };
    const containers = (convertPod(input).object['spec'] as { containers: Record<string, unknown>[] }).containers;
    // The entrypoint's message goes to the step's own emptyDir run directory, mounted writable.
    expect(containers[0]).toMatchObject({ terminationMessagePath: '/tekton/run/0/termination' });
    expect(containers[0]?.['args']).toEqual(expect.arrayContaining(['-termination_path', '/tekton/run/0/termination']));
    expect(containers[0]?.['volumeMounts']).toContainEqual({ name: 'tekton-internal-run-0', mountPath: '/tekton/run/0' });
    // A path the user chose stays: their program writes it, and the kubelet reports it.
    expect(containers[1]).toMatchObject({ terminationMessagePath: '/var/log/step2-message' });
    expect(containers[1]?.['args']).toEqual(expect.arrayContaining(['-termination_path', '/tekton/run/1/termination']));
    expect(revertPod(convertPod(input).object).object).toEqual(input);
  });

  it('uses the configured entrypoint image', () => {
    const { object } = convertPod(twoStepPod(), { entrypointImage: 'registry.local/tekton/entrypoint:v0.59' });
    expect(object).toMatchObject({ spec: { initContainers: [{ name: 'kueueleuleu-prepare', image: 'registry.local/tekton/entrypoint:v0.59' }] } });
    expect(DEFAULT_ENTRYPOINT_IMAGE).toBe(ENTRYPOINT);
  });

  it('keeps existing annotations and user init containers after the prepare container', () => {
    const pod = twoStepPod();
    const input = {
      ...pod,
      metadata: { ...pod.metadata, annotations: { team: 'data' } },
      spec: { ...pod.spec, initContainers: [{ name: 'setup', image: 'busybox', command: ['true'] }] },
    };
    const { object } = convertPod(input);
    expect(object).toMatchObject({
      metadata: { annotations: { team: 'data', 'norbjd.github.io/kueueleuleu': 'true' } },
      spec: { initContainers: [{ name: 'kueueleuleu-prepare' }, { name: 'setup', image: 'busybox', command: ['true'] }] },
    });
  });

  it('accepts a Pod without containers, as the original tool does', () => {
    const { object } = convertPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'empty' }, spec: { restartPolicy: 'Never' } });
    expect(object).toMatchObject({
      spec: { initContainers: [{ name: 'kueueleuleu-prepare' }], volumes: [{ name: 'tekton-internal-steps' }, { name: 'tekton-internal-bin' }] },
    });
  });
});

describe('warnings about restartPolicy', () => {
  const withPolicy = (policy: string | undefined) => {
    const pod = twoStepPod();
    const { restartPolicy: _drop, ...spec } = pod.spec;
    return { ...pod, spec: policy === undefined ? spec : { ...spec, restartPolicy: policy } };
  };

  it.each([
    [undefined, /restartPolicy is not set and defaults to Always/],
    ['Always', /restartPolicy is Always/],
  ])('warns for a Pod with restartPolicy %s', (policy, message) => {
    const { warnings } = convertPod(withPolicy(policy));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(message);
    expect(warnings[0]?.location).toEqual({ object: 'Pod/two-steps', field: 'spec.restartPolicy' });
  });

  it.each(['Never', 'OnFailure'])('does not warn for restartPolicy %s', (policy) => {
    expect(convertPod(withPolicy(policy)).warnings).toEqual([]);
  });

  it('warns for a Job only when it says Always (a Job must set its policy anyway)', () => {
    const job = (policy?: string) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { spec: { containers: [{ name: 'a', command: ['true'] }], ...(policy ? { restartPolicy: policy } : {}) } } },
    });
    expect(convertJob(job()).warnings).toEqual([]);
    expect(convertJob(job('Always')).warnings[0]?.location.field).toBe('spec.template.spec.restartPolicy');
  });
});

describe('convertJob and convertCronJob', () => {
  const containers = [{ name: 'a', image: 'busybox', command: ['echo', 'a'] }];

  it('annotates the Job and its pod template, and records the commands on the pod template', () => {
    const { object } = convertJob(deepFreeze({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { backoffLimit: 0, template: { spec: { containers, restartPolicy: 'Never' } } } }));
    expect(object).toMatchObject({
      metadata: { annotations: { 'norbjd.github.io/kueueleuleu': 'true' } },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { annotations: { 'norbjd.github.io/kueueleuleu': 'true', 'kueue.dev/original-commands': '[{"name":"a","command":["echo","a"]}]' } },
          spec: { initContainers: [{ name: 'kueueleuleu-prepare' }], containers: [{ name: 'a', args: expect.arrayContaining(['-entrypoint', 'echo', '--', 'a']) as unknown }] },
        },
      },
    });
    expect(Object.keys((object['metadata'] as Record<string, unknown>)['annotations'] as object)).toEqual(['norbjd.github.io/kueueleuleu']);
    // The new template metadata goes before the template spec.
    expect(Object.keys((object['spec'] as Record<string, Record<string, unknown>>)['template'] ?? {})).toEqual(['metadata', 'spec']);
  });

  it('annotates the three metadata levels of a CronJob', () => {
    const { object } = convertCronJob({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { x: 'y' } }, spec: { containers, restartPolicy: 'Never' } } } } },
    });
    const marked = { annotations: { 'norbjd.github.io/kueueleuleu': 'true' } };
    expect(object).toMatchObject({
      metadata: marked,
      spec: { schedule: '* * * * *', jobTemplate: { metadata: marked, spec: { template: { metadata: { labels: { x: 'y' }, ...marked } } } } },
    });
  });
});

describe('convertObject', () => {
  it.each([
    ['batch/v1beta1', 'CronJob'],
    ['apps/v1', 'Deployment'],
    ['v1', 'ConfigMap'],
    ['V1', 'Pod'],
  ])('leaves %s %s alone', (apiVersion, kind) => {
    const outcome = convertObject({ apiVersion, kind, metadata: { name: 'x' } });
    expect(outcome).toEqual({ status: 'unsupported', reason: `${apiVersion} ${kind} is not a v1 Pod, batch/v1 Job or batch/v1 CronJob` });
  });

  it('says why an object without apiVersion or kind is left alone', () => {
    expect(convertObject({ metadata: {} })).toEqual({ status: 'unsupported', reason: 'no apiVersion and kind' });
    expect(convertObject('text')).toEqual({ status: 'unsupported', reason: 'not a Kubernetes object' });
  });

  it('converts the three kinds', () => {
    expect(convertObject(twoStepPod()).status).toBe('transformed');
  });

  it('returns an already converted object unchanged when asked to skip it', () => {
    const converted = convertPod(twoStepPod()).object;
    expect(convertObject(converted, { ifConverted: 'skip' })).toEqual({ status: 'skipped', object: converted, reason: 'already converted' });
  });
});

describe('objects that share parts (YAML anchors and aliases)', () => {
  it('annotate each metadata level on its own', () => {
    const shared = { labels: { app: 'x' } };
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: shared,
      spec: { template: { metadata: shared, spec: { containers: [{ name: 'a', command: ['true'] }], restartPolicy: 'Never' } } },
    };
    const { object } = convertJob(job);
    expect(Object.keys((object['metadata'] as Record<string, Record<string, string>>)['annotations'] ?? {})).toEqual(['norbjd.github.io/kueueleuleu']);
    expect(shared).toEqual({ labels: { app: 'x' } });
  });
});
