import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

interface StoredContainer {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  args?: string[];
  restartPolicy?: string;
  terminationMessagePath?: string;
}
interface StoredPod {
  spec: { initContainers: StoredContainer[]; containers: StoredContainer[] };
}

/** A Pod with the step shapes of sequential containers v2: a read-only root, per-step settings, a native sidecar. */
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: steps-v2
  annotations:
    kueue.dev/steps: '{"train": {"timeout": "30m", "onError": "continue"}}'
spec:
  restartPolicy: Never
  initContainers:
  - name: log-shipper
    image: busybox
    restartPolicy: Always
    command: [sh, -c, 'tail -F /var/log/app.log']
  containers:
  - name: train
    image: busybox
    command: [sh, -c, 'exit 3']
    securityContext:
      readOnlyRootFilesystem: true
  - name: upload
    image: busybox
    command: [echo, done]
    terminationMessagePath: /var/run/upload-message
`;

describe.skipIf(clusterUnavailable())('converted step shapes on the real API server', () => {
  const ns = useClusterNamespace('convert-steps');

  it('are accepted by `kubectl create --dry-run=server`, and stored as converted', async () => {
    const converted = await runCli(['convert', '-f', '-'], { input: POD });
    expect(converted.stderr).toBe('Pod/steps-v2 converted\n');
    expect(converted.code).toBe(0);
    const applied = spawnSync(
      'kubectl',
      ['create', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--dry-run=server', '-o', 'json', '-f', '-'],
      { input: converted.stdout, encoding: 'utf8' },
    );
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const stored = JSON.parse(applied.stdout) as StoredPod;
    // The native sidecar is left as it was, after the prepare container.
    expect(stored.spec.initContainers.map((c) => [c.name, c.restartPolicy])).toEqual([
      ['kueueleuleu-prepare', undefined],
      ['log-shipper', 'Always'],
    ]);
    const [train, upload] = stored.spec.containers;
    expect(train?.terminationMessagePath).toBe('/tekton/run/0/termination');
    expect(train?.args).toEqual(expect.arrayContaining(['-termination_path', '/tekton/run/0/termination', '-timeout', '30m', '-on_error', 'continue']));
    expect(upload?.terminationMessagePath).toBe('/var/run/upload-message');
    expect(upload?.args).toEqual(expect.arrayContaining(['-termination_path', '/tekton/run/1/termination']));
  });

  it('turn containers named with --sidecar into native sidecars the API server accepts', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: with-sidecars
  annotations:
    kueue.dev/sidecars: log-shipper
spec:
  restartPolicy: Never
  containers:
  - name: proxy
    image: envoyproxy/envoy
  - name: train
    image: busybox
    command: [echo, train]
  - name: log-shipper
    image: busybox
    command: [sh, -c, 'tail -F /var/log/app.log']
  - name: upload
    image: busybox
    command: [echo, done]
`;
    const converted = await runCli(['convert', '-f', '-', '--sidecar', 'proxy'], { input: pod });
    expect(converted.stderr).toBe('Pod/with-sidecars converted\n');
    expect(converted.code).toBe(0);
    const applied = spawnSync(
      'kubectl',
      ['create', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--dry-run=server', '-o', 'json', '-f', '-'],
      { input: converted.stdout, encoding: 'utf8' },
    );
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const stored = JSON.parse(applied.stdout) as StoredPod;
    expect(stored.spec.initContainers.map((c) => [c.name, c.restartPolicy])).toEqual([
      ['kueueleuleu-prepare', undefined],
      ['proxy', 'Always'],
      ['log-shipper', 'Always'],
    ]);
    expect(stored.spec.containers.map((c) => c.name)).toEqual(['train', 'upload']);
    expect(stored.spec.containers[1]?.args?.slice(0, 2)).toEqual(['-wait_file', '/tekton/run/0/out']);

    const reverted = await runCli(['revert', '-f', '-'], { input: converted.stdout });
    expect(reverted.code).toBe(0);
    expect(reverted.stdout).toBe(pod);
  });

  it('fold requests: the API server stores the explicit zeros instead of copying the limits', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: folded
spec:
  restartPolicy: Never
  containers:
  - name: prepare-data
    image: busybox
    command: [echo, prepare]
    resources:
      requests: {memory: 500Mi, cpu: 500m}
  - name: train
    image: busybox
    command: [echo, train]
    resources:
      requests: {memory: 2Gi}
      limits: {cpu: '2'}
  - name: upload
    image: busybox
    command: [echo, upload]
    resources:
      limits: {memory: 1Gi}
`;
    const converted = await runCli(['convert', '-f', '-', '--fold-requests'], { input: pod });
    expect(converted.code).toBe(0);
    const applied = spawnSync(
      'kubectl',
      ['create', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--dry-run=server', '-o', 'json', '-f', '-'],
      { input: converted.stdout, encoding: 'utf8' },
    );
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const stored = JSON.parse(applied.stdout) as StoredPod;
    expect(stored.spec.containers.map((c) => c.resources)).toEqual([
      { requests: { memory: '0', cpu: '0' } },
      // train's cpu limit, defaulted into its request, is the largest cpu.
      { requests: { memory: '2Gi', cpu: '2' }, limits: { cpu: '2' } },
      { requests: { memory: '0' }, limits: { memory: '1Gi' } },
    ]);

    const reverted = await runCli(['revert', '-f', '-'], { input: converted.stdout });
    expect(reverted.stdout).toBe(pod);
  });
});
