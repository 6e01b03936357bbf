import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { DEPLOYMENTS } from '../../shared/kube/resource-type.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { PrivatePodman, podmanAvailable, RUN_LIMITS } from '../helpers/podman.js';
import { runCli } from '../helpers/run-cli.js';
import { serviceAccountToken } from '../harness/cluster/access-control.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { freePort } from '../harness/cluster/control-plane/free-port.js';
import { enqueueRun, isSucceeded, runPods, waitForRun } from './executor-fixtures.js';

interface ExecutorDeployment extends KubeObject {
  spec: {
    template: {
      spec: {
        securityContext: { runAsUser: number; runAsGroup: number };
        containers: { image: string; command: string[]; args: string[]; securityContext: { readOnlyRootFilesystem: boolean } }[];
      };
    };
  };
}

/**
 * The test control plane's API server serves a certificate it made itself, next to the kubeconfig the harness
 * writes; a Pod trusts it through the ca.crt of its service account. A cluster of one's own
 * (KUEUE_TEST_KUBECONFIG) has its own CA, which this suite does not know.
 */
function apiServerCertificate(kubeconfig: string): string | undefined {
  const file = path.join(path.dirname(kubeconfig), 'apiserver-certs', 'apiserver.crt');
  return existsSync(file) ? file : undefined;
}

// Under Flyte's own CRDs install refuses to replace them (install-foreign-crd.test.ts), and the executor's work
// there is covered by the executor suites: this one is about the image, on our CRD.
const skip = clusterUnavailable() || testCrd() !== 'ours' || process.env.KUEUE_TEST_KUBECONFIG !== undefined || !podmanAvailable();

// The image deployed by `install --with-executor`, run by podman as a kubelet would run the Deployment's Pod: the
// Deployment's command, args, user and read-only root, the service account's token and CA mounted where
// Kubernetes mounts them, KUBERNETES_SERVICE_HOST/PORT set, so the executor finds the cluster by in-cluster
// configuration with exactly the RBAC install gave it. Host networking reaches the API server on 127.0.0.1.
describe.skipIf(skip)('the image runs the executor install --with-executor deploys', { timeout: 300_000 }, () => {
  const ns = useClusterNamespace('image-exec');
  const tag = `registry.local/kubectl-kueue:e2e-${randomBytes(3).toString('hex')}`;
  const engine = new PrivatePodman();
  const secrets = mkdtempSync(path.join(tmpdir(), 'kueue-image-sa-'));

  beforeAll(() => engine.buildAndLoad(tag), 300_000);
  afterAll(async () => {
    await engine.remove();
    rmSync(secrets, { recursive: true, force: true });
  }, 60_000);

  it('reads the cluster from the Pod\'s service account, answers its probes and executes a run', async () => {
    const install = await runCli(['install', '--with-executor', '-n', ns.namespace, '--image', tag, '--kubeconfig', ns.kubeconfig]);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    const deployment = await ns.client.get<ExecutorDeployment>(DEPLOYMENTS, ns.namespace, 'kueue-executor');
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    if (!container) throw new Error('the Deployment has no container');
    expect(container.image).toBe(tag);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);

    // What the kubelet mounts at /var/run/secrets/kubernetes.io/serviceaccount, readable by the Pod's user.
    const certificate = apiServerCertificate(ns.kubeconfig);
    if (!certificate) throw new Error(`no API server certificate next to ${ns.kubeconfig}`);
    const account = path.join(secrets, 'serviceaccount');
    mkdirSync(account, { mode: 0o755 });
    writeFileSync(path.join(account, 'token'), await serviceAccountToken(ns.client, ns.namespace, 'kueue-executor'), { mode: 0o644 });
    writeFileSync(path.join(account, 'ca.crt'), readFileSync(certificate), { mode: 0o644 });
    writeFileSync(path.join(account, 'namespace'), ns.namespace, { mode: 0o644 });
    const server = new URL(loadConnection({ kubeconfig: ns.kubeconfig }, {}).server);

    // The Deployment's args, but with ports of our own: the container shares the machine's network.
    const [probes, metrics] = [await freePort(), await freePort()];
    const args = replaceFlag(replaceFlag(container.args, '--health-probe-bind-address', `127.0.0.1:${probes}`), '--metrics-bind-address', `127.0.0.1:${metrics}`);
    const [entrypoint, ...commandArgs] = container.command;
    await engine.podman([
      'run', '--detach', '--name', 'executor', '--network', 'host', '--read-only', ...RUN_LIMITS,
      '--user', `${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`,
      '--env', `KUBERNETES_SERVICE_HOST=${server.hostname}`, '--env', `KUBERNETES_SERVICE_PORT=${server.port}`,
      '--volume', `${account}:/var/run/secrets/kubernetes.io/serviceaccount:ro`,
      '--entrypoint', entrypoint ?? '', tag, ...commandArgs, ...args,
    ]);
    const logs = async () => (await engine.podman(['logs', 'executor'])).stderr;

    await pollUntil(async () => (await fetch(`http://127.0.0.1:${probes}/readyz`).catch(() => undefined))?.status === 200, {
      timeoutMs: 60_000,
      what: () => 'the executor in the image to be ready',
    });
    expect((await fetch(`http://127.0.0.1:${probes}/healthz`)).status).toBe(200);
    const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });
    await enqueueRun(ns.client, ns.namespace, 'in-image', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template },
    ]);
    const done = await waitForRun(ns.client, ns.namespace, 'in-image', (actions) => actions.length === 2 && actions.every(isSucceeded), 120_000).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\nexecutor log:\n${await logs()}`);
    });
    expect(done.map((a) => a.spec.actionName).sort()).toEqual(['a0', 'b']);
    expect(await runPods(ns.client, ns.namespace, 'in-image')).toHaveLength(2);
    const exposition = await (await fetch(`http://127.0.0.1:${metrics}/metrics`)).text();
    expect(exposition).toMatch(/^kueue_executor_leader 1$/m);
    // In-cluster configuration: no kubeconfig in the image, the server from the environment.
    expect(await logs()).toMatch(new RegExp(`msg=starting namespace=${ns.namespace} .*server=https://${server.hostname.replaceAll('.', '\\.')}:${server.port}`));
  });
});

function replaceFlag(args: readonly string[], flag: string, value: string): string[] {
  const at = args.indexOf(flag);
  if (at < 0 || at + 1 >= args.length) throw new Error(`the Deployment's args have no ${flag} VALUE: ${args.join(' ')}`);
  return [...args.slice(0, at + 1), value, ...args.slice(at + 2)];
}
