import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { JOBS, PODS } from '../../shared/kube/resource-type.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

const FIXTURES = path.join('test', 'fixtures', 'convert');
const inputs = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml') && !f.endsWith('.original.yaml'));

/** Fixtures may name their own namespace; the test applies everything into its own. */
function intoTestNamespace(manifest: string): string {
  return parseAllDocuments(manifest)
    .map((doc) => {
      doc.deleteIn(['metadata', 'namespace']);
      return doc.toString();
    })
    .join('---\n');
}

function kubectlApply(kubeconfig: string, namespace: string, manifest: string, dryRun: boolean): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('kubectl', ['apply', '--kubeconfig', kubeconfig, '-n', namespace, ...(dryRun ? ['--dry-run=server'] : []), '-f', '-'], {
    input: manifest,
    encoding: 'utf8',
  });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

interface JobStatus extends KubeObject {
  status?: { succeeded?: number; conditions?: { type: string; status: string }[] };
}

describe.skipIf(clusterUnavailable())('converted manifests on the real API server', () => {
  const ns = useClusterNamespace('convert');

  it.each(inputs)('`convert -f %s | kubectl apply --dry-run=server -f -` is accepted', async (file) => {
    const converted = await runCli(['convert', '-f', path.join(FIXTURES, file)]);
    expect(converted.code).toBe(0);
    const applied = kubectlApply(ns.kubeconfig, ns.namespace, intoTestNamespace(converted.stdout), true);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/created \(server dry run\)/);
  });

  it('runs a Job created from a converted manifest to completion', async () => {
    const converted = await runCli(['convert', '-f', path.join(FIXTURES, 'job.yaml')]);
    const applied = kubectlApply(ns.kubeconfig, ns.namespace, converted.stdout, false);
    expect(applied.stdout).toContain('job.batch/nightly-export created');
    let job: JobStatus | undefined;
    await pollUntil(
      async () => {
        job = await ns.client.get<JobStatus>(JOBS, ns.namespace, 'nightly-export');
        return job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ?? false;
      },
      { timeoutMs: 60_000, what: () => `job nightly-export to complete (status ${JSON.stringify(job?.status)})` },
    );
    expect(job?.status?.succeeded).toBe(1);
    const pods = await ns.client.list<KubeObject & { spec: { initContainers: { name: string }[] }; status: { phase: string } }>(PODS, ns.namespace, {
      labelSelector: 'job-name=nightly-export',
    });
    expect(pods.items.map((p) => p.status.phase)).toContain('Succeeded');
    expect(pods.items[0]?.spec.initContainers[0]?.name).toBe('kueueleuleu-prepare');
    expect(pods.items[0]?.metadata.annotations?.['norbjd.github.io/kueueleuleu']).toBe('true');
  });
});
