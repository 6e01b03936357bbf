import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HttpKubeClient } from '../../../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../../../shared/kube/load-connection.js';
import { repoRoot } from '../../repo-root.js';
import { type ControlPlaneBinaries } from './binaries.js';
import { writeCredentials, writeKubeconfig } from './credentials.js';
import { freePort } from './free-port.js';
import { ProcessGroup, logTail } from './process-group.js';
import { waitForApiServer, waitForNodeReady } from './readiness.js';
import { installCrds, waitForGarbageCollection } from './install-crds.js';
import { type TestCrd, testCrdFromEnv } from '../test-crd.js';
import { createFakeNode } from './fake-node.js';
import { installKwokLogsCrd } from './pod-logs/kwok-logs-crd.js';
import { startPodLogFeeder } from './pod-logs/start-pod-log-feeder.js';

export interface LocalControlPlane {
  dir: string;
  kubeconfig: string;
  server: string;
  pids: number[];
  /** Milliseconds from start to every readiness check passing. */
  startupMs: number;
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager (garbage collector, namespace, service account and
 * job controllers), kube-scheduler and kwok on free loopback ports in a fresh temporary directory, installs
 * the CRDs and waits until the cluster can do everything the tests rely on. On any failure it stops what
 * it started and throws with the failing component's log.
 */
export async function startLocalControlPlane(
  bin: ControlPlaneBinaries,
  log: (line: string) => void,
  onStarted: (pids: number[], dir: string) => void = () => {},
  crd: TestCrd = testCrdFromEnv(),
): Promise<LocalControlPlane> {
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-control-plane-'));
  const group = new ProcessGroup(dir);
  const report = () => onStarted(group.processes.map((p) => p.pid), dir);
  try {
    const creds = writeCredentials(dir);
    const [etcdClient, etcdPeer, apiPort, kwokPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const server = `https://127.0.0.1:${apiPort}`;
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfig, server, creds.adminToken);

    mkdirSync(path.join(dir, 'etcd'));
    group.start('etcd', bin.etcd, [
      '--name=default',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    report();
    group.start('kube-apiserver', bin.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(dir, 'apiserver-certs')}`,
      `--token-auth-file=${creds.tokenFile}`,
      '--authorization-mode=RBAC',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--endpoint-reconciler-type=none',
      // No kubelet here: pods need no service-account token mount, and the fake node carries no taints.
      '--disable-admission-plugins=ServiceAccount,TaintNodesByCondition',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${creds.serviceAccountPub}`,
      `--service-account-signing-key-file=${creds.serviceAccountKey}`,
      '--allow-privileged=true',
      '--profiling=false',
      // kwok's kubelet server (pods/log) is reached at the node's InternalIP; with no kubelet CA given, the API
      // server does not verify its certificate.
      '--kubelet-preferred-address-types=InternalIP',
    ]);
    report();

    const client = new HttpKubeClient(loadConnection({ kubeconfig }));
    try {
      await waitForApiServer(client, group, 60_000);
      log('kube-apiserver ready');
      // CRDs before the controller manager: its garbage collector then sees them from its first sync.
      await installCrds(client, crd);
      await installKwokLogsCrd(client);
      log(`CRDs established (TaskAction CRD: ${crd})`);

      const componentArgs = [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--secure-port=0'];
      group.start('kube-controller-manager', bin.kubeControllerManager, [
        ...componentArgs,
        '--controllers=garbagecollector,namespace,serviceaccount,job',
        '--use-service-account-credentials=false',
        '--concurrent-gc-syncs=20',
      ]);
      group.start('kube-scheduler', bin.kubeScheduler, componentArgs);
      const stages = path.join(repoRoot(), 'test', 'harness', 'cluster', 'control-plane', 'kwok-stages.yaml');
      group.start('kwok', bin.kwok, [
        `--kubeconfig=${kubeconfig}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        `--config=${stages}`,
        `--server-address=127.0.0.1:${kwokPort}`,
        // The node's address and kubelet port, where the API server asks for Pod logs. The kubelet API is HTTPS
        // only; the API server's self-signed serving certificate (for 127.0.0.1) serves it.
        '--node-ip=127.0.0.1',
        `--node-port=${kwokPort}`,
        `--tls-cert-file=${path.join(dir, 'apiserver-certs', 'apiserver.crt')}`,
        `--tls-private-key-file=${path.join(dir, 'apiserver-certs', 'apiserver.key')}`,
        '--enable-crds=Logs',
      ]);
      const logsReady = startPodLogFeeder(group, dir, kubeconfig);
      report();

      await createFakeNode(client);
      await waitForNodeReady(client, group, 60_000);
      log('fake node ready');
      await Promise.all([waitForGarbageCollection(client, group, crd, 90_000), logsReady(60_000)]);
      log('garbage collector cascades through TaskActions; Pod logs are served');
    } finally {
      client.close();
    }
    return { dir, kubeconfig, server, pids: group.processes.map((p) => p.pid), startupMs: Date.now() - started };
  } catch (err) {
    const logs = group.processes.map((p) => `--- ${p.name} (${p.logFile})\n${logTail(p.logFile, 15)}`).join('\n');
    const { stopPids } = await import('./process-group.js');
    await stopPids(group.processes.map((p) => p.pid));
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`starting the local control plane failed: ${(err as Error).message}\n${logs}`);
  }
}
