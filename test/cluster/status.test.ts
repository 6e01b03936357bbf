import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { convertPod } from '../../shared/convert/convert-object.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

function examplePod(name: string, annotations: Record<string, string>): KubeObject {
  const pod = parse(readFileSync('examples/pipeline-pod.yaml', 'utf8')) as KubeObject;
  const converted = convertPod(pod).object as unknown as KubeObject;
  converted.metadata = { ...converted.metadata, name, annotations: { ...converted.metadata.annotations, ...annotations } };
  return converted;
}

describe.skipIf(clusterUnavailable())('kubectl kueue status', () => {
  const ns = useClusterNamespace('status');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];

  it('shows the running step of a converted Pod, then follows it to the end with -w', async () => {
    await ns.client.create(PODS, ns.namespace, examplePod('pipeline', { 'kueue.test/duration': '3s' }));
    let first = await runCli(['status', 'pipeline', ...flags()]);
    for (let i = 0; i < 50 && !first.stdout.includes('Running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      first = await runCli(['status', 'pipeline', ...flags()]);
    }
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Pod ${ns.namespace}/pipeline   Running   step 1/3 running: fetch`));
    expect(first.stdout).toMatch(/^STEP\s+TYPE\s+STATE\s+EXIT\s+DURATION$/m);
    expect(first.stdout).toMatch(/^fetch\s+step\s+Running\b/m);
    expect(first.stdout).toMatch(/^train\s+step\s+Waiting \(for previous step\)/m);

    const watched = await runCli(['status', 'pod/pipeline', '-w', ...flags()]);
    expect(watched.code).toBe(0);
    const blocks = watched.stdout.trim().split('\n\n\n');
    const last = watched.stdout.slice(watched.stdout.lastIndexOf('Pod '));
    expect(last).toMatch(/Succeeded {3}3\/3 steps done/);
    expect(last).toMatch(/^publish\s+step\s+Completed\s+0\s+\d+s$/m);
    expect(blocks.length).toBeGreaterThanOrEqual(1);
  });

  it('names the first failed step of a failed Pod', async () => {
    await ns.client.create(PODS, ns.namespace, examplePod('broken', { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '3', 'kueue.test/duration': '100ms' }));
    const result = await runCli(['status', 'broken', '-w', ...flags()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Failed {3}step fetch failed \(exit 3\)/);
    const json = await runCli(['status', 'broken', '-o', 'json', ...flags()]);
    const report = JSON.parse(json.stdout) as { noRunningStep: string; failed: { name: string; exitCode: number } };
    expect(report.noRunningStep).toBe('failed');
    expect(report.failed).toMatchObject({ name: 'fetch', exitCode: 3 });
    // The failed step is also one of the steps: YAML repeats it rather than writing an anchor and an alias.
    const yaml = await runCli(['status', 'broken', '-o', 'yaml', ...flags()]);
    expect(yaml.stdout).not.toMatch(/[&*]a\d/);
    expect(parse(yaml.stdout)).toEqual(report);
  });

  it('explains that a Pod which is not sequential has no steps', async () => {
    await ns.client.create(PODS, ns.namespace, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'plain' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['true'] }] },
    } as KubeObject);
    const result = await runCli(['status', 'plain', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: pod ${ns.namespace}/plain is not a sequential Pod`);
    expect(result.stderr).toContain('kubectl kueue convert');
  });

  it('reports a missing Pod the way kubectl does', async () => {
    const result = await runCli(['status', 'nope', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('refuses a target that is not a Pod', async () => {
    const result = await runCli(['status', 'job/pipeline', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: "job/pipeline" is not a Pod');
  });
});
