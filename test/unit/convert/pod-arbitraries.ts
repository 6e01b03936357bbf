import fc from 'fast-check';

/**
 * Random Pods, Jobs and CronJobs that `convert` accepts. Besides the fields convert rewrites they carry the
 * values the original tool loses (quantities, false/0/"" values, unknown fields, empty lists, null), so a
 * property that says "everything else survives" is tested against them.
 */

const dnsName = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

/** Tokens of a command line, with the ones that could confuse reading it back. */
export const token = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('--', '-', '-entrypoint', '-wait_file', '-post_file=x', '--entrypoint=y', '-c') },
  { weight: 1, arbitrary: fc.constantFrom('yes', 'on', '1', '0777', '1:20', '2024-01-01', 'null', '~', 'a # b', "it's", '"q"', 'é€', '') },
);

const safeKey = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._/-]{0,10}$/);

/** Any JSON value (without `__proto__`-like keys), for unknown fields. */
const extraValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(safeKey, tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

/** An optional list: absent, present but empty or null (which convert must keep apart), or items. */
function optionalList<T>(item: fc.Arbitrary<T>, options: { maxLength?: number } = {}): fc.Arbitrary<T[] | null | undefined> {
  return fc.oneof(fc.constant(undefined), fc.constant([] as T[]), fc.constant(null), fc.array(item, { minLength: 1, maxLength: options.maxLength ?? 3 }));
}

const quantity = fc.constantFrom('100m', '0', '1', '1.5', '64Mi', '2Gi', '500M', '1e3');

const otherContainerFields = fc.record(
  {
    image: fc.constantFrom('busybox', 'alpine:3.20', 'ghcr.io/x/y@sha256:0123'),
    env: fc.array(fc.record({ name: safeKey, value: fc.string({ maxLength: 6 }) }, { noNullPrototype: true }), { maxLength: 2 }),
    resources: fc.record({ requests: fc.dictionary(fc.constantFrom('cpu', 'memory'), quantity, { noNullPrototype: true }), limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), quantity, { noNullPrototype: true }) }, { requiredKeys: [], noNullPrototype: true }),
    securityContext: fc.record({ runAsUser: fc.nat(1000), allowPrivilegeEscalation: fc.boolean(), privileged: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }),
    ports: fc.array(fc.record({ containerPort: fc.nat(65535), protocol: fc.constantFrom('TCP', 'UDP') }, { noNullPrototype: true }), { maxLength: 2 }),
    workingDir: fc.constantFrom('', '/work'),
    stdin: fc.boolean(),
    'x-unknown': extraValue,
  },
  { requiredKeys: [], noNullPrototype: true },
);

const mount = fc.record(
  {
    name: dnsName,
    mountPath: fc.constantFrom('/data', '/work', '/etc/config', '/tektonic', '/data/tekton', '/'),
    readOnly: fc.boolean(),
    subPath: fc.constantFrom('', 'a'),
  },
  { requiredKeys: ['name', 'mountPath'], noNullPrototype: true },
);

function withOptional(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return value === undefined ? object : { ...object, [key]: value };
}

const container = (name: string) =>
  fc
    .tuple(fc.array(token, { minLength: 1, maxLength: 4 }), fc.oneof(fc.constant(undefined), fc.constant(null), fc.array(token, { maxLength: 4 })), optionalList(mount), otherContainerFields)
    .map(([command, args, volumeMounts, other]) =>
      withOptional(withOptional({ name, ...other, command }, 'args', args), 'volumeMounts', volumeMounts),
    );

/** A pod spec convert accepts: every container has a command, nothing uses the names convert adds. */
export const convertiblePodSpec = fc
  .tuple(
    fc.uniqueArray(dnsName.filter((n) => n !== 'kueueleuleu-prepare'), { minLength: 0, maxLength: 5 }),
    optionalList(fc.record({ name: dnsName.map((n) => `init-${n}`), image: fc.constant('busybox') }, { noNullPrototype: true })),
    optionalList(fc.record({ name: dnsName, emptyDir: fc.constant({}) }, { noNullPrototype: true })),
    fc.record(
      {
        restartPolicy: fc.constantFrom('Never', 'OnFailure', 'Always'),
        terminationGracePeriodSeconds: fc.nat(30),
        hostNetwork: fc.boolean(),
        nodeSelector: fc.dictionary(safeKey, fc.string({ maxLength: 5 }), { maxKeys: 2, noNullPrototype: true }),
        serviceAccountName: fc.constantFrom('', 'runner'),
        'x-unknown': extraValue,
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .chain(([names, initContainers, volumes, other]) =>
    fc.tuple(...names.map(container)).map((containers) => {
      const spec: Record<string, unknown> = { ...other };
      if (initContainers !== undefined) spec['initContainers'] = initContainers;
      spec['containers'] = containers;
      if (volumes !== undefined) spec['volumes'] = volumes;
      return spec;
    }),
  );

const metadata = fc
  .tuple(
    fc.oneof(dnsName, fc.constant(undefined)),
    fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant({}), fc.dictionary(safeKey, fc.string({ maxLength: 6 }), { minKeys: 1, maxKeys: 3, noNullPrototype: true })),
    fc.dictionary(safeKey, fc.string({ maxLength: 6 }), { maxKeys: 2, noNullPrototype: true }),
  )
  .map(([name, annotations, labels]) => withOptional(withOptional({ labels }, 'name', name), 'annotations', annotations));

/** Optional metadata of a template: absent, null, empty, or filled. */
const templateMetadata = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant({}), metadata);

export const convertiblePod = fc.tuple(metadata, convertiblePodSpec, extraValue).map(([meta, spec, status]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta,
  spec,
  status,
}));

export const convertibleJob = fc.tuple(metadata, templateMetadata, convertiblePodSpec, fc.nat(6)).map(([meta, template, spec, backoffLimit]) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta,
  spec: { backoffLimit, template: withOptional({ spec }, 'metadata', template) },
}));

export const convertibleCronJob = fc
  .tuple(metadata, templateMetadata, templateMetadata, convertiblePodSpec, fc.boolean())
  .map(([meta, jobMeta, podMeta, spec, suspend]) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta,
    spec: { schedule: '*/5 * * * *', suspend, jobTemplate: withOptional({ spec: { template: withOptional({ spec }, 'metadata', podMeta) } }, 'metadata', jobMeta) },
  }));

export const convertibleObject = fc.oneof(convertiblePod, convertibleJob, convertibleCronJob);
