import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { CUSTOM_RESOURCE_DEFINITIONS } from '../../shared/kube/resource-type.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { acquireTestCluster, type TestCluster } from '../harness/cluster/test-cluster.js';

const CRD = 'taskactions.flyte.org';
const CRD_LINE = `customresourcedefinition.apiextensions.k8s.io/${CRD}`;

/** What replacing each Flyte CRD with ours changes, as install reports it. */
const EXPECTED_CHANGE = {
  'flyte-s3': /keeps fields it now prunes: spec\.actionType, spec\.cacheKey, spec\.conditionSpec, spec\.envVars, spec\.group, spec\.interruptible, status\.attempts/,
  'flyte-head': /keeps fields it now prunes: spec\.org\b/,
} as const;

// Under ours there is no foreign CRD on the shared cluster; the suite of `install` itself covers that case.
describe.skipIf(clusterUnavailable() || testCrd() === 'ours')('kubectl kueue install over Flyte’s own CRD', () => {
  const ns = useClusterNamespace('foreign-crd');
  const flags = () => ['--kubeconfig', ns.kubeconfig];
  const crdVersion = async () => (await ns.client.get<KubeObject>(CUSTOM_RESOURCE_DEFINITIONS, undefined, CRD)).metadata.resourceVersion;

  it('refuses to replace it, saying what would change, and changes nothing', async () => {
    const before = await crdVersion();
    const result = await runCli(['install', ...flags()]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`CustomResourceDefinition/${CRD}, field metadata.labels.app.kubernetes.io/name`);
    expect(result.stderr).toMatch(/is installed but is not kueue's/);
    expect(result.stderr).toMatch(EXPECTED_CHANGE[testCrd() as 'flyte-s3' | 'flyte-head']);
    expect(result.stderr).toMatch(/run install --force/);
    expect(await crdVersion()).toBe(before);
  });

  it('with --force and a server dry run, reports the replacement and still changes nothing', async () => {
    const before = await crdVersion();
    const result = await runCli(['install', '--force', '--dry-run=server', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`${CRD_LINE} replaced (server dry run)`);
    expect(result.stderr).toMatch(new RegExp(`^Warning: CustomResourceDefinition ${CRD} is not kueue's; replacing it \\(server dry run\\):\\n  - keeps fields`));
    expect(await crdVersion()).toBe(before);
  });
});

// The real replacement changes the CRD every suite of a run uses, so it happens on a control plane of its own.
describe.skipIf(clusterUnavailable() || testCrd() !== 'flyte-s3')('kubectl kueue install --force on a cluster of its own', () => {
  let cluster: TestCluster | undefined;
  let client: HttpKubeClient | undefined;
  beforeAll(async () => {
    const acquired = await acquireTestCluster(() => {}, 'flyte-s3');
    if (!acquired.available) throw new Error(acquired.reason);
    cluster = acquired.cluster;
    client = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig, namespace: 'default' }));
  });
  afterAll(async () => {
    client?.close();
    await cluster?.stop();
  });

  it('replaces Flyte’s CRD with ours: stored TaskActions stay, fields it pruned are kept from then on', async () => {
    const kubeconfig = cluster?.kubeconfig ?? '';
    const enqueue = (run: string) => runCli(['enqueue', '--run', run, '--image', 'busybox', '--kubeconfig', kubeconfig, '-n', 'default']);
    expect((await enqueue('before')).code).toBe(0);
    const result = await runCli(['install', '--force', '--kubeconfig', kubeconfig]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`${CRD_LINE} replaced`);
    const crd = await client!.get<KubeObject>(CUSTOM_RESOURCE_DEFINITIONS, undefined, CRD);
    expect(crd.metadata.labels?.['app.kubernetes.io/name']).toBe('kueue');
    // Now ours: install is idempotent again, and the object enqueued before is still there.
    expect((await runCli(['install', '--kubeconfig', kubeconfig])).stdout.split('\n')[0]).toBe(`${CRD_LINE} unchanged`);
    // Established, but the API server re-initialises the resource's storage for the new schema: wait for that.
    let before: TaskAction[] = [];
    await pollUntil(
      async () => {
        before = (await client!.list<TaskAction>(TASKACTIONS, 'default', { labelSelector: 'flyte.org/run=before' }).catch(() => ({ items: [] }))).items;
        return before.length === 1;
      },
      { timeoutMs: 30_000, what: () => 'the TaskAction enqueued before the replacement to be listed' },
    );
    const status = { attempts: 2, systemFailures: 1 };
    const stored = await client!.replace<TaskAction>(TASKACTIONS, 'default', { ...before[0]!, apiVersion: 'flyte.org/v1', kind: 'TaskAction', status }, { subresource: 'status' });
    expect(stored.status).toMatchObject(status);
  });
});
