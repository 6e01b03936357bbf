import { describe, expect, it } from 'vitest';
import { convertJob, convertPod } from '../../../shared/convert/convert-object.js';
import { type JsonObject } from '../../../shared/convert/json-value.js';
import { convertManifest, revertManifest } from '../../../shared/convert/manifest-transform.js';
import { revertJob, revertPod } from '../../../shared/convert/revert-object.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: {
    restartPolicy: 'Never',
    initContainers: [{ name: 'setup', image: 'busybox', command: ['echo', 'setup'] }],
    containers: [
      { name: 'a', image: 'busybox', command: ['echo', 'a'] },
      { name: 'proxy', image: 'envoy' },
      { name: 'b', image: 'busybox', command: ['echo', 'b'] },
      { name: 'shipper', image: 'fluent-bit', command: ['fluent-bit'], args: ['-c', '/etc/fb.conf'] },
    ],
  },
};

interface Container extends JsonObject {
  name: string;
  args: string[];
}
const specOf = (object: JsonObject) => object['spec'] as { initContainers: Container[]; containers: Container[] };

/** A manifest whose sidecars are chosen in the editor, with comments that must survive the round trip. */
const ANNOTATED = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    kueue.dev/sidecars: "proxy, shipper"
spec:
  restartPolicy: Never
  containers:
  # The first step
  - name: a
    image: busybox
    command: [echo, a]
  # The proxy runs during every step
  - name: proxy
    image: envoy   # pinned by digest elsewhere
    ports:
    - containerPort: 15001
  - name: b
    image: busybox
    command: [echo, b]
  - name: shipper
    image: fluent-bit
`;

describe('convert --sidecar', () => {
  it('makes the named containers native sidecars after the prepare and user init containers', () => {
    const { object } = convertPod(POD, { sidecars: ['shipper', 'proxy'] });
    const spec = specOf(object);
    expect(spec.initContainers.map((c) => [c.name, c['restartPolicy']])).toEqual([
      ['kueueleuleu-prepare', undefined],
      ['setup', undefined],
      ['proxy', 'Always'],
      ['shipper', 'Always'],
    ]);
    // A sidecar keeps its own command line and mounts nothing of the steps'.
    expect(spec.initContainers[3]).toEqual({ name: 'shipper', image: 'fluent-bit', command: ['fluent-bit'], args: ['-c', '/etc/fb.conf'], restartPolicy: 'Always' });
    expect(spec.containers.map((c) => c.name)).toEqual(['a', 'b']);
    // The steps are numbered without the sidecars: b waits for a.
    expect(spec.containers[1]?.args.slice(0, 2)).toEqual(['-wait_file', '/tekton/run/0/out']);
    expect((object['metadata'] as { annotations: Record<string, string> }).annotations['kueue.dev/original-sidecars']).toBe(
      '[{"name":"proxy","index":1},{"name":"shipper","index":3}]',
    );
  });

  it('is undone by revert, each sidecar back at its place', () => {
    const converted = convertPod(POD, { sidecars: ['proxy', 'shipper'] }).object;
    expect(revertPod(converted).object).toEqual(POD);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: POD.spec } } };
    const convertedJob = convertJob(job, { sidecars: ['proxy'] }).object;
    expect((convertedJob['spec'] as { template: JsonObject }).template).toMatchObject({ spec: { initContainers: [{}, {}, { name: 'proxy', restartPolicy: 'Always' }] } });
    expect(revertJob(convertedJob).object).toEqual(job);
  });

  it('takes the names from the kueue.dev/sidecars annotation, and revert gives back the text byte for byte', () => {
    const converted = convertManifest(ANNOTATED).chunks.join('');
    expect(converted).toContain('  initContainers:\n');
    expect(converted).toContain('  # The proxy runs during every step\n  - name: proxy\n    image: envoy   # pinned by digest elsewhere\n');
    expect(converted).toMatch(/- name: shipper\n {4}image: fluent-bit\n {4}restartPolicy: Always\n {2}containers:\n/);
    expect(revertManifest(converted).chunks.join('')).toBe(ANNOTATED);
  });

  it('keeps the annotation: converting again after a revert gives the same sidecars', () => {
    const once = convertManifest(ANNOTATED).chunks.join('');
    const twice = convertManifest(revertManifest(once).chunks.join('')).chunks.join('');
    expect(twice).toBe(once);
  });

  it('reports an unknown --sidecar at the containers list, with the names to choose from', () => {
    const errors = catchUserErrors(() => convertManifest(ANNOTATED, { file: 'pod.yaml', sidecars: ['envoy'] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('--sidecar "envoy" is not a container of this object');
    expect(errors[0]?.hint).toBe('use one of: "a", "proxy", "b", "shipper"');
    expect(errors[0]?.location).toMatchObject({ file: 'pod.yaml', line: 9, object: 'Pod/p', field: 'spec.containers' });
  });

  it('reports an unknown name in the annotation at the annotation', () => {
    const text = ANNOTATED.replace('"proxy, shipper"', '"proxy,shiper"');
    const errors = catchUserErrors(() => convertManifest(text, { file: 'pod.yaml' }));
    // shipper, now a step, has no command: both are reported at once.
    expect(errors.map((e) => e.message)).toEqual([
      'annotation kueue.dev/sidecars names "shiper", which is not a container of this object',
      expect.stringMatching(/^container "shipper" has no command/),
    ]);
    expect(errors[0]?.location).toMatchObject({ file: 'pod.yaml', line: 6, field: 'metadata.annotations["kueue.dev/sidecars"]' });
  });

  it('refuses a container that already has a restartPolicy, and naming every container', () => {
    const withPolicy = { ...POD, spec: { ...POD.spec, containers: [POD.spec.containers[0], { name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] } };
    const [policy] = catchUserErrors(() => convertPod(withPolicy, { sidecars: ['proxy'] }));
    expect(policy?.message).toBe('container "proxy" already has a restartPolicy, so it cannot be made a native sidecar');
    expect(policy?.location.field).toBe('spec.containers[1].restartPolicy');
    const [all] = catchUserErrors(() => convertPod(POD, { sidecars: ['a', 'proxy', 'b', 'shipper'] }));
    expect(all?.message).toBe('every container is named as a sidecar: there is no step left to run');
    expect(all?.location.field).toBe('spec.containers');
  });

  it('refuses to revert when a recorded sidecar is no longer a native sidecar', () => {
    const converted = convertPod(POD, { sidecars: ['proxy'] }).object;
    const spec = specOf(converted);
    spec.initContainers = spec.initContainers.filter((c) => c.name !== 'proxy');
    const [error] = catchUserErrors(() => revertPod(converted));
    expect(error?.message).toBe('sidecar "proxy" (annotation kueue.dev/original-sidecars) is not an init container with restartPolicy: Always');
    expect(error?.location.field).toBe('spec.initContainers');
  });
});
