import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installObjects } from '../../../shared/install/install-objects.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { manifestTexts } from '../../helpers/manifest-files.js';
import { runCli } from '../../helpers/run-cli.js';

const { version } = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { version: string };

// No kubeconfig anywhere: a client dry run must not need one.
const NO_CLUSTER_ENV = { HOME: mkdtempSync(path.join(os.tmpdir(), 'kueue-home-')), KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' };

/** A TCP listener that only counts connections: proof of whether the CLI tried to reach "the cluster". */
function connectionCounter(): { server: net.Server; count: () => number; url: () => string } {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  return {
    server,
    count: () => connections,
    url: () => `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
  };
}

// Each test starts the CLI a few times; on a busy machine that takes seconds, not milliseconds.
describe('kubectl kueue install without a cluster', { timeout: 30_000 }, () => {
  const counter = connectionCounter();
  beforeAll(() => new Promise<void>((resolve) => counter.server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => counter.server.close(() => resolve())));

  it('--dry-run=client -o yaml prints exactly the CRD and ClusterRoles of crds/, as a List, without contacting the server', async () => {
    const result = await runCli(['install', '--dry-run=client', '-o', 'yaml', '--server', counter.url()], { env: NO_CLUSTER_ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const list = parse(result.stdout) as { apiVersion: string; kind: string; items: KubeObject[] };
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    // The CLI carries its manifests inside the bundle; they must be the ones in crds/.
    const onDisk = installObjects(manifestTexts());
    expect([...list.items].sort(byName)).toEqual([...onDisk].sort(byName));
    expect(list.items[0]?.kind).toBe('CustomResourceDefinition');
    expect(counter.count()).toBe(0);
  });

  it('--dry-run=client prints a line per object, and -o json / -o name their forms', async () => {
    const lines = await runCli(['install', '--dry-run=client'], { env: NO_CLUSTER_ENV });
    expect(lines.code).toBe(0);
    expect(lines.stdout).toBe(
      [
        'customresourcedefinition.apiextensions.k8s.io/taskactions.flyte.org serverside-applied (dry run)',
        'clusterrole.rbac.authorization.k8s.io/kueue-user serverside-applied (dry run)',
        'clusterrole.rbac.authorization.k8s.io/kueue-serve serverside-applied (dry run)',
        'clusterrole.rbac.authorization.k8s.io/kueue-executor serverside-applied (dry run)',
        'clusterrole.rbac.authorization.k8s.io/kueue-signaller serverside-applied (dry run)',
        '',
      ].join('\n'),
    );
    const json = await runCli(['install', '--dry-run=client', '-o', 'json'], { env: NO_CLUSTER_ENV });
    expect((JSON.parse(json.stdout) as { items: KubeObject[] }).items.map((o) => o.metadata.name)).toEqual([
      'taskactions.flyte.org',
      'kueue-user',
      'kueue-serve',
      'kueue-executor',
      'kueue-signaller',
    ]);
    const names = await runCli(['install', '--dry-run=client', '-o', 'name'], { env: NO_CLUSTER_ENV });
    expect(names.stdout.split('\n')[1]).toBe('clusterrole.rbac.authorization.k8s.io/kueue-user');
  });

  it('prints the objects through kubectl templates: jsonpath per object, custom columns a row each', async () => {
    const jsonpath = await runCli(['install', '--dry-run=client', '-o', 'jsonpath={.kind}/{.metadata.name}{"\\n"}'], { env: NO_CLUSTER_ENV });
    expect(jsonpath).toMatchObject({ code: 0, stderr: '' });
    expect(jsonpath.stdout.split('\n').slice(0, 2)).toEqual(['CustomResourceDefinition/taskactions.flyte.org', 'ClusterRole/kueue-user']);
    const columns = await runCli(['install', '--dry-run=client', '-o', 'custom-columns=KIND:.kind,NAME:.metadata.name'], { env: NO_CLUSTER_ENV });
    expect(columns.code).toBe(0);
    expect(columns.stdout.split('\n').slice(0, 2).map((line) => line.split(/\s+/))).toEqual([
      ['KIND', 'NAME'],
      ['CustomResourceDefinition', 'taskactions.flyte.org'],
    ]);
  });

  it('does contact the server without --dry-run=client (the control for the test above)', async () => {
    const before = counter.count();
    const result = await runCli(['install', '--server', counter.url(), '--insecure-skip-tls-verify', '--request-timeout', '5s'], { env: NO_CLUSTER_ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: Unable to connect to the server https:\/\/127\.0\.0\.1:\d+: /);
    expect(counter.count()).toBeGreaterThan(before);
  });

  it('rejects bad flag values before doing anything', async () => {
    const output = await runCli(['install', '--dry-run=client', '-o', 'xml'], { env: NO_CLUSTER_ENV });
    expect(output).toMatchObject({ code: 1, stdout: '', stderr: 'error: --output must be one of yaml|json|name|jsonpath=...|jsonpath-file=...|custom-columns=...|custom-columns-file=..., got "xml"\n' });
    const dryRun = await runCli(['install', '--dry-run=maybe'], { env: NO_CLUSTER_ENV });
    expect(dryRun.code).toBe(1);
    expect(dryRun.stderr).toContain("error: option '--dry-run <strategy>' argument 'maybe' is invalid. Allowed choices are none, client, server.");
    const timeout = await runCli(['install', '--timeout', 'soon', '--dry-run=client'], { env: NO_CLUSTER_ENV });
    expect(timeout.code).toBe(1);
    expect(timeout.stderr).toContain('error: invalid duration "soon" for --timeout');
  });

  it('refuses -n and --image without --with-executor: everything else it installs is cluster-wide', async () => {
    const namespace = await runCli(['install', '-n', 'flyte', '--dry-run=client'], { env: NO_CLUSTER_ENV });
    expect(namespace).toMatchObject({ code: 1, stdout: '', stderr: 'error: -n places the executor, everything else install applies is cluster-wide: add --with-executor, or leave -n out\n' });
    const image = await runCli(['install', '--image', 'registry.example/kubectl-kueue:1', '--dry-run=client'], { env: NO_CLUSTER_ENV });
    expect(image).toMatchObject({ code: 1, stdout: '', stderr: "error: --image is the executor's image: add --with-executor\n" });
  });

  it('--with-executor adds the executor\'s ServiceAccount, RoleBinding and Deployment in the namespace, with the image', async () => {
    const result = await runCli(['install', '--dry-run=client', '--with-executor', '-n', 'team-a', '--image', 'registry.example/kubectl-kueue:1.2', '-o', 'yaml'], { env: NO_CLUSTER_ENV });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const items = (parse(result.stdout) as { items: KubeObject[] }).items;
    expect(items.slice(5).map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`)).toEqual([
      'ServiceAccount/team-a/kueue-executor',
      'RoleBinding/team-a/kueue-executor',
      'Deployment/team-a/kueue-executor',
    ]);
    expect(JSON.stringify(items[7])).toContain('"image":"registry.example/kubectl-kueue:1.2"');
    // No kubeconfig, no -n: kubectl's default namespace; the image this version publishes.
    const defaults = await runCli(['install', '--dry-run=client', '--with-executor'], { env: NO_CLUSTER_ENV });
    expect(defaults.code).toBe(0);
    expect(defaults.stdout.split('\n').slice(5)).toEqual([
      'serviceaccount/kueue-executor serverside-applied (dry run)',
      'rolebinding.rbac.authorization.k8s.io/kueue-executor serverside-applied (dry run)',
      'deployment.apps/kueue-executor serverside-applied (dry run)',
      '',
    ]);
    const yaml = await runCli(['install', '--dry-run=client', '--with-executor', '-o', 'jsonpath={.metadata.namespace} {.spec.template.spec.containers[0].image}{"\\n"}'], { env: NO_CLUSTER_ENV });
    expect(yaml.stdout.trim().split('\n').at(-1)).toBe(`default ghcr.io/kueue/kubectl-kueue:${version}`);
  });

  it('--with-executor refuses a bad namespace or image, naming the flag, before printing anything', async () => {
    const namespace = await runCli(['install', '--dry-run=client', '--with-executor', '-n', 'Team_A'], { env: NO_CLUSTER_ENV });
    expect(namespace).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: -n Team_A: not a namespace name\n  hint: a namespace name is lower-case letters, digits and -, at most 63 characters, e.g. flyte\n',
    });
    const image = await runCli(['install', '--dry-run=client', '--with-executor', '--image', 'registry.example/Kubectl Kueue'], { env: NO_CLUSTER_ENV });
    expect(image).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `error: --image registry.example/Kubectl Kueue: not an image reference\n  hint: give one as a container runtime pulls it, e.g. registry.example/kubectl-kueue:${version}\n`,
    });
  });
});

function byName(a: KubeObject, b: KubeObject): number {
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}
