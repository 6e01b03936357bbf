import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../shared/errors/api-error.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { S3_REQUIRED_FIELDS } from '../helpers/s3-required-spec.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { crdResourceType, readCrds } from '../harness/cluster/control-plane/install-crds.js';
import { repoRoot } from '../harness/repo-root.js';

const crd = readCrds(path.join(repoRoot(), 'crds')).find((c) => c.spec.names.kind === 'TaskAction');
if (!crd) throw new Error('TaskAction CRD missing from crds/');
const TASKACTIONS = crdResourceType(crd);

interface PodLike extends KubeObject {
  status?: {
    phase?: string;
    containerStatuses?: { name: string; state?: { terminated?: { exitCode: number; reason?: string } } }[];
  };
}

function taskAction(name: string, spec: Record<string, unknown>, owner?: KubeObject): KubeObject {
  return {
    apiVersion: 'flyte.org/v1',
    kind: 'TaskAction',
    metadata: {
      name,
      ...(owner
        ? { ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', blockOwnerDeletion: true }] }
        : {}),
    },
    spec: { runName: 'smoke', project: 'p', domain: 'd', actionName: name.slice(0, 30), ...S3_REQUIRED_FIELDS, ...spec },
  } as KubeObject;
}

function pod(name: string, annotations: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, annotations },
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['true'] }] },
  } as KubeObject;
}

async function isGone(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return false;
  } catch (err) {
    if (err instanceof KubeApiError && err.code === 404) return true;
    throw err;
  }
}

describe.skipIf(clusterUnavailable())('control plane smoke test', () => {
  const ns = useClusterNamespace('smoke');

  it('cascades the deletion of a TaskAction to its children and grandchildren through the garbage collector', async () => {
    const root = await ns.client.create(TASKACTIONS, ns.namespace, taskAction('root', {}));
    const child = await ns.client.create(TASKACTIONS, ns.namespace, taskAction('child', {}, root));
    await ns.client.create(TASKACTIONS, ns.namespace, taskAction('grandchild', {}, child));
    await ns.client.delete(TASKACTIONS, ns.namespace, 'root', { propagationPolicy: 'Background' });
    await pollUntil(async () => (await ns.client.list(TASKACTIONS, ns.namespace)).items.length === 0, {
      timeoutMs: 30_000,
      what: () => 'the garbage collector to remove child and grandchild',
    });
    expect(await isGone(() => ns.client.get(TASKACTIONS, ns.namespace, 'grandchild'))).toBe(true);
  });

  it('runs a bare Pod through Running to Succeeded via kwok', async () => {
    const phases: string[] = [];
    const watch = ns.client.watch<PodLike>(PODS, ns.namespace, { fieldSelector: 'metadata.name=ok' }, (event) => {
      const phase = event.object.status?.phase;
      if (phase && phases.at(-1) !== phase) phases.push(phase);
    });
    await ns.client.create(PODS, ns.namespace, pod('ok', { 'kueue.test/duration': '1s' }));
    await pollUntil(() => Promise.resolve(phases.includes('Succeeded')), { timeoutMs: 30_000, what: () => `Succeeded (saw ${phases.join(' -> ')})` });
    watch.stop();
    expect(phases.indexOf('Running')).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf('Running')).toBeLessThan(phases.indexOf('Succeeded'));
    const done = await ns.client.get<PodLike>(PODS, ns.namespace, 'ok');
    expect(done.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);
  });

  it('fails a Pod with the exit code and reason chosen by annotation, and keeps another Running', async () => {
    await ns.client.create(PODS, ns.namespace, pod('oom', { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '137', 'kueue.test/reason': 'OOMKilled' }));
    await ns.client.create(PODS, ns.namespace, pod('forever', { 'kueue.test/outcome': 'Running', 'kueue.test/duration': '10ms' }));
    let failed: PodLike | undefined;
    await pollUntil(
      async () => {
        failed = await ns.client.get<PodLike>(PODS, ns.namespace, 'oom');
        return failed.status?.phase === 'Failed';
      },
      { timeoutMs: 30_000, what: () => `pod oom to fail (phase ${failed?.status?.phase})` },
    );
    expect(failed?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    const running = await ns.client.get<PodLike>(PODS, ns.namespace, 'forever');
    expect(running.status?.phase).toBe('Running');
  });

  it('accepts a server-side dry run without storing the object', async () => {
    const answered = await ns.client.create(TASKACTIONS, ns.namespace, taskAction('dry', {}), { dryRun: true });
    expect(answered.metadata.name).toBe('dry');
    expect(await isGone(() => ns.client.get(TASKACTIONS, ns.namespace, 'dry'))).toBe(true);
  });

  it('rejects an object that violates the CRD schema with the API server message', async () => {
    const tooLong = 'r'.repeat(31);
    const err = await ns.client.create(TASKACTIONS, ns.namespace, taskAction('invalid', { runName: tooLong })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    const apiErr = err as KubeApiError;
    expect(apiErr.code).toBe(422);
    expect(apiErr.reason).toBe('Invalid');
    expect(apiErr.message).toContain('spec.runName');
    expect(apiErr.message).toMatch(/may not be (longer|more) than 30/);
    expect(apiErr.causes.some((c) => c.field === 'spec.runName')).toBe(true);
  });
});
