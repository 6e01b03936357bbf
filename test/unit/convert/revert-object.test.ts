import { describe, expect, it } from 'vitest';
import { convertCronJob, convertPod } from '../../../shared/convert/convert-object.js';
import { readEntrypointArgs } from '../../../shared/convert/entrypoint-args.js';
import { revertCronJob, revertObject, revertPod } from '../../../shared/convert/revert-object.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';
import { deepFreeze } from './deep-freeze.js';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec: { restartPolicy: 'Never', ...spec },
});

describe('revertPod', () => {
  it('restores the exact command/args split from the record', () => {
    const original = pod({
      containers: [
        { name: 'a', command: ['sh', '-c'], args: ['echo a'] },
        { name: 'b', command: ['echo', 'b'] },
        { name: 'c', command: ['env'], args: [] },
        { name: 'd', command: ['env'], args: null },
      ],
    });
    const converted = deepFreeze(convertPod(original).object);
    const { object, warnings } = revertPod(converted);
    expect(object).toStrictEqual(original);
    expect(warnings).toEqual([]);
  });

  it('restores fields convert found present but empty', () => {
    const original = pod(
      { initContainers: [], volumes: [], containers: [{ name: 'a', command: ['true'], volumeMounts: [] }] },
      { name: 'p', annotations: {} },
    );
    const converted = convertPod(original).object;
    expect(converted['metadata']).toMatchObject({ annotations: { 'kueue.dev/original-empty-fields': expect.any(String) as unknown } });
    expect(revertPod(converted).object).toStrictEqual(original);
  });

  it('puts the whole command line into command for objects converted without a record (by the original tool)', () => {
    const converted = convertPod(pod({ containers: [{ name: 'a', command: ['sh', '-c'], args: ['echo a'] }] })).object;
    const metadata = converted['metadata'] as Record<string, Record<string, string>>;
    delete metadata['annotations']?.['kueue.dev/original-commands'];
    const { object, warnings } = revertPod(converted);
    expect(object).toStrictEqual(pod({ containers: [{ name: 'a', command: ['sh', '-c', 'echo a'] }] }));
    expect(warnings).toEqual([
      {
        message:
          'there is no kueue.dev/original-commands annotation (converted by another tool?): the whole command line of "a" was restored into command (same behaviour, args removed)',
        location: { object: 'Pod/p', field: 'spec.containers' },
      },
    ]);
  });

  it('trusts the record only for containers whose command line did not change since', () => {
    const converted = convertPod(pod({ containers: [{ name: 'a', command: ['sh', '-c'], args: ['echo a'] }, { name: 'b', command: ['x'], args: ['y'] }] })).object;
    const containers = (converted['spec'] as Record<string, Record<string, unknown>[]>)['containers'] ?? [];
    const a = containers[0] ?? {};
    a['args'] = [...(a['args'] as string[]).slice(0, -1), 'echo edited'];
    const { object, warnings } = revertPod(converted);
    expect((object['spec'] as Record<string, unknown>)['containers']).toStrictEqual([
      { name: 'a', command: ['sh', '-c', 'echo edited'] },
      { name: 'b', command: ['x'], args: ['y'] },
    ]);
    expect(warnings[0]?.message).toMatch(/^the args of "a" changed since the conversion: /);
  });

  it('keeps user volumes, mounts and init containers, removing only what convert added', () => {
    const original = pod({
      initContainers: [{ name: 'init', command: ['true'] }],
      containers: [{ name: 'a', command: ['true'], volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'v', mountPath: '/w', subPath: 'w' }] }],
      volumes: [{ name: 'v', emptyDir: {} }],
    });
    expect(revertPod(convertPod(original).object).object).toStrictEqual(original);
  });

  it('refuses a Pod that is not converted, unless asked to skip it', () => {
    const plain = pod({ containers: [{ name: 'a', command: ['true'] }] });
    const [error] = catchUserErrors(() => revertPod(plain));
    expect(error?.message).toBe('not converted to sequential containers (annotation norbjd.github.io/kueueleuleu is not "true")');
    expect(revertPod(plain, { ifNotConverted: 'skip' })).toEqual({ object: plain, changed: false, warnings: [] });
    expect(revertObject(plain, { ifNotConverted: 'skip' })).toEqual({ status: 'skipped', object: plain, reason: 'not converted' });
  });

  it('reports containers that do not run the entrypoint or have no -entrypoint flag', () => {
    const converted = convertPod(pod({ containers: [{ name: 'a', command: ['x'] }, { name: 'b', command: ['y'] }] })).object;
    const containers = (converted['spec'] as Record<string, Record<string, unknown>[]>)['containers'] ?? [];
    (containers[0] ?? {})['command'] = ['x'];
    (containers[1] ?? {})['args'] = ['-post_file', '/tekton/run/1/out', '--', 'y'];
    const errors = catchUserErrors(() => revertPod(converted));
    expect(errors.map((e) => [e.message, e.location.field])).toEqual([
      ['container "a" does not run the sequential entrypoint (command is not ["/tekton/bin/entrypoint"])', 'spec.containers[0].command'],
      ['container "b" has no command line to restore: there is no -entrypoint flag', 'spec.containers[1].args'],
    ]);
  });
});

describe('revertCronJob', () => {
  it('removes the annotations from every level and the template metadata convert created', () => {
    const original = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', annotations: { keep: 'me' } },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', command: ['true'] }], restartPolicy: 'Never' } } } } },
    };
    const converted = convertCronJob(original).object;
    expect(revertCronJob(converted).object).toStrictEqual(original);
  });
});

describe('reading the command line back from the entrypoint flags', () => {
  it.each([
    [['-post_file', 'x', '-entrypoint', 'sh', '--', '-c', 'a -- b'], 'sh', ['-c', 'a -- b']],
    [['-entrypoint', '--', '--', '--'], '--', ['--']],
    [['-entrypoint=echo', '--', 'hi'], 'echo', ['hi']],
    [['--entrypoint', 'echo', 'hi'], 'echo', ['hi']],
    [['-wait_file_content', '-entrypoint', 'echo', '--'], 'echo', []],
  ])('%j', (args, program, rest) => {
    expect(readEntrypointArgs(args)).toEqual({ ok: true, program, rest });
  });

  it('says what is missing', () => {
    expect(readEntrypointArgs(['-post_file'])).toEqual({ ok: false, reason: 'flag -post_file has no value' });
    expect(readEntrypointArgs(['--', 'x'])).toEqual({ ok: false, reason: 'there is no -entrypoint flag' });
  });
});
