import fc from 'fast-check';
import { token } from './pod-arbitraries.js';

/**
 * Random Pods, Jobs and CronJobs made only of values the original tool round-trips faithfully through its Go
 * types: no quantities, no false/0/"" in omitempty fields, no empty lists, no unknown fields (those are the
 * defects we fix, tested on their own). Everything the conversion itself touches is random: command and args
 * tokens (including `--` and flag-like ones), mounts, init containers, volumes, metadata levels.
 */

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const word = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9 ._:/-]{0,12}$/);
const labels = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/), word, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

function optional<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined });
}

function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const mount = fc
  .record({ name, mountPath: fc.constantFrom('/data', '/work', '/etc/app', '/cache'), readOnly: optional(fc.constant(true)), subPath: optional(word) }, { noNullPrototype: true })
  .map(defined);

const container = (containerName: string) =>
  fc
    .record(
      {
        image: fc.constantFrom('busybox', 'alpine:3.20'),
        command: fc.array(token, { minLength: 1, maxLength: 4 }),
        args: optional(fc.array(token, { minLength: 1, maxLength: 4 })),
        env: optional(fc.array(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/), value: word }, { noNullPrototype: true }), { minLength: 1, maxLength: 2 })),
        workingDir: optional(fc.constantFrom('/work', '/tmp')),
        imagePullPolicy: optional(fc.constantFrom('Always', 'IfNotPresent')),
        volumeMounts: optional(fc.array(mount, { minLength: 1, maxLength: 3 })),
        ports: optional(fc.array(fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }) }, { noNullPrototype: true }), { minLength: 1, maxLength: 2 })),
      },
      { noNullPrototype: true },
    )
    .map((fields) => defined({ name: containerName, ...fields }));

const podSpec = fc
  .record(
    {
      names: fc.uniqueArray(name.filter((n) => n !== 'kueueleuleu-prepare'), { minLength: 1, maxLength: 5 }),
      initContainers: optional(fc.array(fc.record({ name: name.map((n) => `init-${n}`), image: fc.constant('busybox'), command: fc.array(token, { minLength: 1, maxLength: 2 }) }, { noNullPrototype: true }), { minLength: 1, maxLength: 2 })),
      volumes: optional(fc.array(fc.oneof(fc.record({ name, emptyDir: fc.constant({}) }, { noNullPrototype: true }), fc.record({ name, configMap: fc.record({ name }, { noNullPrototype: true }) }, { noNullPrototype: true })), { minLength: 1, maxLength: 3 })),
      restartPolicy: optional(fc.constantFrom('Never', 'OnFailure', 'Always')),
      nodeSelector: optional(labels),
      serviceAccountName: optional(name),
    },
    { noNullPrototype: true },
  )
  .chain(({ names, ...rest }) => fc.tuple(...names.map(container)).map((containers) => defined({ ...rest, containers })));

const metadata = fc.record({ name, labels: optional(labels), annotations: optional(labels) }, { noNullPrototype: true }).map(defined);
const templateMetadata = optional(fc.record({ labels }, { noNullPrototype: true }));

export const faithfulPod = fc.record({ metadata, spec: podSpec }, { noNullPrototype: true }).map(({ metadata: m, spec }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: m, spec }));

export const faithfulJob = fc
  .record({ metadata, template: templateMetadata, spec: podSpec, backoffLimit: fc.integer({ min: 1, max: 6 }) }, { noNullPrototype: true })
  .map(({ metadata: m, template, spec, backoffLimit }) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: m,
    spec: { backoffLimit, template: defined({ metadata: template, spec }) },
  }));

export const faithfulCronJob = fc
  .record({ metadata, jobMeta: templateMetadata, podMeta: templateMetadata, spec: podSpec }, { noNullPrototype: true })
  .map(({ metadata: m, jobMeta, podMeta, spec }) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: m,
    spec: { schedule: '0 * * * *', jobTemplate: defined({ metadata: jobMeta, spec: { template: defined({ metadata: podMeta, spec }) } }) },
  }));

export const faithfulObject = fc.oneof(faithfulPod, faithfulJob, faithfulCronJob);
