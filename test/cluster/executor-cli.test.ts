import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type Lease } from '../../shared/executor/lease-record.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { CLUSTER_ROLES, LEASES } from '../../shared/kube/resource-type.js';
import { serverSideApply } from '../../shared/kube/server-side-apply.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../shared/task-action/pod-task.js';
import { CLI_BUNDLE, assertBuilt, runCli } from '../helpers/run-cli.js';
import { manifestObject, manifestObjects } from '../helpers/manifest-files.js';
import { serviceAccountToken } from '../harness/cluster/access-control.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { byAction, enqueueRun, historyOf, isSucceeded, listRun, settledHistoryOf, waitForRun } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

describe.skipIf(clusterUnavailable())('kubectl kueue executor', () => {
  const ns = useClusterNamespace('exec-cli');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];

  it('--until-idle executes the namespace\'s runs, one line per phase change, and exits 1 naming what failed', async () => {
    await enqueueRun(ns.client, ns.namespace, 'idle', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template, annotations: { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '2' } },
    ]);
    const result = await runCli(['executor', ...flags(), '--until-idle', '--lease-name', 'idle']);
    expect(result.code).toBe(1);
    // The last thing said, after the executor stopped: what a script needs to know.
    expect(result.stderr).toMatch(/\n1 action failed: idle\/b\n$/);
    const lines = result.stdout.trim().split('\n');
    const linesOf = (action: string) => lines.filter((l) => l.includes(` ${ns.namespace}/idle/${action} `));
    expect(linesOf('a0')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}.* {2}Queued {2}attempt 1 {2}task submitted to K8s$/);
    expect(linesOf('a0').at(-1)).toMatch(/ -> Completed {2}attempt 1 {2}TaskAction completed successfully$/);
    expect(linesOf('b').at(-1)).toMatch(/ -> PermanentFailure {2}attempt 1 {2}\[Error\] {2}\[acme-proj-dev-idle-b-a1\] terminated with exit code 2 \(reason: Error\)$/);
    // One line per phase change: as many as each action's phase history has entries (Executing is there only if
    // the executor saw the 300 ms Pod running).
    const actions = byAction(await listRun(ns.client, ns.namespace, 'idle'));
    expect(linesOf('a0')).toHaveLength(historyOf(actions.get('a0')).length);
    expect(linesOf('b')).toHaveLength(historyOf(actions.get('b')).length);
    expect(lines).toHaveLength(linesOf('a0').length + linesOf('b').length);
    expect(result.stderr).toMatch(/^time=\S+ level=info msg=starting namespace=/m);
    expect(result.stderr).toContain('msg="every TaskAction is finished" succeeded=1 failed=1');
    expect(result.stderr).toContain('msg="released the lease"');

    // Nothing left to do: it says so and exits at once, successfully (it ran nothing that failed).
    const again = await runCli(['executor', ...flags(), '--until-idle', '--lease-name', 'idle', '-o', 'json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('stops on SIGTERM, releasing the lease', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [CLI_BUNDLE, 'executor', ...flags(), '--lease-name', 'term', '--identity', 'term-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await pollUntil(() => Promise.resolve(stderr.includes('msg="executing TaskActions"')), { timeoutMs: 20_000, what: () => `the executor to lead (stderr: ${stderr})` });
    expect((await ns.client.get<Lease>(LEASES, ns.namespace, 'term')).spec?.holderIdentity).toBe('term-1');
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Promptly, not after the 15 s lease runs out: the lease is released, not left to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(12_000);
    expect(stderr).toContain('msg=stopping signal=SIGTERM');
    expect((await ns.client.get<Lease>(LEASES, ns.namespace, 'term')).spec?.holderIdentity).toBeUndefined();
  });

  it('runs with exactly the kueue-executor role of crds/, as the in-cluster Deployment does', async () => {
    await serverSideApply(ns.client, CLUSTER_ROLES, manifestObject('rbac-executor.yaml', 'ClusterRole', 'kueue-executor'));
    for (const object of manifestObjects('in-cluster-executor.yaml').filter((o) => o.kind === 'ServiceAccount' || o.kind === 'RoleBinding')) {
      const local = structuredClone(object) as KubeObject & { subjects?: { namespace?: string }[] };
      local.metadata.namespace = ns.namespace;
      for (const subject of local.subjects ?? []) subject.namespace = ns.namespace;
      await serverSideApply(ns.client, object.kind === 'ServiceAccount' ? { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true } : { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true }, local);
    }
    const token = await serviceAccountToken(ns.client, ns.namespace, 'kueue-executor');
    await enqueueRun(ns.client, ns.namespace, 'rbac', [
      { name: 'a0', template },
      { name: 'seq', parent: 'a0', template: podTaskTemplate({ podSpec: { containers: [{ name: 'one', image: 'busybox', command: ['true'] }, { name: 'two', image: 'busybox', command: ['true'] }] }, primaryContainerName: 'two', sequential: true }) },
    ]);
    // The Deployment's arguments, with the service account's token instead of the mounted one.
    const result = await pollUntilGranted(() => runCli(['executor', '-n', ns.namespace, '--kubeconfig', ns.kubeconfig, '--token', token, '--until-idle']));
    expect(result.stderr).not.toMatch(/level=(warn|error)/);
    expect(result.code).toBe(0);
    const done = await waitForRun(ns.client, ns.namespace, 'rbac', (all) => all.length === 2 && all.every(isSucceeded));
    for (const action of done) expect(settledHistoryOf(action)).toEqual(['Queued', 'Completed']);
  });

  it('refuses contradictory flags and explains API errors', async () => {
    const both = await runCli(['executor', '-A', ...flags()]);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('error: -A/--all-namespaces and -n/--namespace cannot be combined\n  hint: give one of them\n');
    const badResync = await runCli(['executor', ...flags(), '--resync', '10ms']);
    expect(badResync.stderr).toBe('error: --resync must be at least 1s\n');
    const forbidden = await runCli(['executor', ...flags(), '--as', 'system:serviceaccount:nowhere:nobody']);
    expect(forbidden.code).toBe(1);
    // The TaskAction and Pod caches fill at the same time: whichever list is refused first is the one reported.
    expect(forbidden.stderr).toMatch(
      new RegExp(
        `Error from server \\(Forbidden\\): (taskactions\\.flyte\\.org|pods) is forbidden: User "system:serviceaccount:nowhere:nobody" cannot list resource "(taskactions|pods)" in API group "(flyte\\.org)?" in the namespace "${ns.namespace}"`,
      ),
    );
  });
});

/** RoleBindings reach the authorizer a moment after they are stored: retry while the answer is Forbidden. */
async function pollUntilGranted(run: () => Promise<{ code: number; stdout: string; stderr: string }>) {
  let result = await run();
  for (let i = 0; i < 20 && result.stderr.includes('(Forbidden)'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    result = await run();
  }
  return result;
}
