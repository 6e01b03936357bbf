import { describe, expect, it } from 'vitest';
import { convertPod } from '../../../shared/convert/convert-object.js';
import { type JsonObject } from '../../../shared/convert/json-value.js';
import { convertManifest, revertManifest } from '../../../shared/convert/manifest-transform.js';
import { revertPod } from '../../../shared/convert/revert-object.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

const step = (name: string, resources?: JsonObject): JsonObject => ({ name, image: 'busybox', command: ['echo', name], ...(resources ? { resources } : {}) });
const pod = (...containers: JsonObject[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Never', containers } });
const resourcesOf = (object: JsonObject) => ((object['spec'] as { containers: JsonObject[] }).containers).map((c) => c['resources']);

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    kueue.dev/fold-requests: "true"
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: [echo, a]
    resources:
      requests: {memory: 500Mi, cpu: 1}
  - name: b
    image: busybox
    command: [echo, b]
    resources:
      requests:
        memory: 2Gi   # the big one
      limits:
        cpu: 2
  - name: c
    image: busybox
    command: [echo, c]
    resources:
      limits:
        memory: 1Gi
`;

describe('convert --fold-requests', () => {
  it('keeps the largest request per resource on one step and gives the others an explicit zero', () => {
    const input = pod(
      step('a', { requests: { memory: '500Mi', cpu: 1 } }),
      step('b', { requests: { memory: '2Gi' }, limits: { cpu: '2' } }),
      step('c', { limits: { memory: '1Gi' } }),
      step('d'),
    );
    const { object } = convertPod(input, { foldRequests: true });
    expect(resourcesOf(object)).toEqual([
      { requests: { memory: 0, cpu: 0 } },
      // b's cpu limit is its request (the API server fills it in), larger than a's 1 cpu.
      { requests: { memory: '2Gi' }, limits: { cpu: '2' } },
      // A limit alone would become the request: an explicit zero stops that; the limit stays.
      { limits: { memory: '1Gi' }, requests: { memory: 0 } },
      undefined,
    ]);
    expect(revertPod(object).object).toEqual(input);
  });

  it('is off by default: requests are left as they are', () => {
    const input = pod(step('a', { requests: { memory: '500Mi' } }), step('b', { requests: { memory: '500Mi' } }));
    expect(resourcesOf(convertPod(input).object)).toEqual([{ requests: { memory: '500Mi' } }, { requests: { memory: '500Mi' } }]);
  });

  it('keeps one of equal requests, the first, and compares quantities, not text', () => {
    const input = pod(step('a', { requests: { memory: '1Gi' } }), step('b', { requests: { memory: '1024Mi' } }), step('c', { requests: { memory: '1073741825' } }));
    expect(resourcesOf(convertPod(input, { foldRequests: true }).object)).toEqual([
      { requests: { memory: 0 } },
      { requests: { memory: 0 } },
      { requests: { memory: '1073741825' } },
    ]);
    const equal = pod(step('a', { requests: { cpu: '500m' } }), step('b', { requests: { cpu: '0.5' } }));
    expect(resourcesOf(convertPod(equal, { foldRequests: true }).object)).toEqual([{ requests: { cpu: '500m' } }, { requests: { cpu: 0 } }]);
  });

  it('is asked for by the annotation, and revert gives back the text byte for byte', () => {
    const converted = convertManifest(MANIFEST).chunks.join('');
    expect(converted).toContain('      requests: {memory: 0, cpu: 0}\n');
    expect(converted).toContain('        memory: 2Gi   # the big one\n');
    expect(revertManifest(converted).chunks.join('')).toBe(MANIFEST);
  });

  it('reports a bad annotation value and a bad quantity with file, line and field', () => {
    const badValue = catchUserErrors(() => convertManifest(MANIFEST.replace('"true"', 'maybe'), { file: 'pod.yaml' }));
    expect(badValue.map((e) => [e.message, e.hint, e.location.line, e.location.field])).toEqual([
      ['annotation kueue.dev/fold-requests is "maybe"', 'write "true" or "false"', 6, 'metadata.annotations["kueue.dev/fold-requests"]'],
    ]);
    const badQuantity = catchUserErrors(() => convertManifest(MANIFEST.replace('memory: 2Gi', 'memory: 2 gigs'), { file: 'pod.yaml' }));
    expect(badQuantity.map((e) => [e.message, e.location.line, e.location.field])).toEqual([
      ['memory "2 gigs" is not a quantity', 20, 'spec.containers[1].resources.requests.memory'],
    ]);
  });
});
