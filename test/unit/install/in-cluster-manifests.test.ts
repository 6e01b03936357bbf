import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { manifestObject, manifestObjects } from '../../helpers/manifest-files.js';

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}

interface Deployment extends KubeObject {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { serviceAccountName: string; securityContext?: { runAsUser?: number; runAsGroup?: number }; containers: Container[] };
    };
  };
}

interface Service extends KubeObject {
  spec: { selector: Record<string, string>; ports: { port: number; targetPort: string | number }[] };
}

interface RoleBinding extends KubeObject {
  roleRef: { apiGroup: string; kind: string; name: string };
  subjects: { kind: string; name: string; namespace: string }[];
}

const IMAGE = 'ghcr.io/kueue/kubectl-kueue:0.1.0';

/** The `USER uid:gid` of image/Dockerfile, which `npm run image` writes into its config too. */
function imageUser(): { uid: number; gid: number } {
  const dockerfile = readFileSync(path.resolve(import.meta.dirname, '../../../image/Dockerfile'), 'utf8');
  const match = /^USER (\d+):(\d+)$/m.exec(dockerfile);
  if (!match) throw new Error('image/Dockerfile has no USER uid:gid line');
  return { uid: Number(match[1]), gid: Number(match[2]) };
}

function flagValue(args: string[], ...names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

function portNumber(container: Container, port: string | number): number | undefined {
  return typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;
}

describe.each([
  { file: 'in-cluster-serve.yaml', name: 'kueue-serve', role: 'rbac-serve.yaml' },
  { file: 'in-cluster-executor.yaml', name: 'kueue-executor', role: 'rbac-executor.yaml' },
])('crds/$file', ({ file, name, role }) => {
  const deployment = manifestObject<Deployment>(file, 'Deployment');
  const container = deployment.spec.template.spec.containers[0] as Container;

  it('puts every object in namespace flyte, labelled as kueue', () => {
    for (const object of manifestObjects(file)) {
      expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe('flyte');
      expect(object.metadata.labels?.['app.kubernetes.io/name']).toBe('kueue');
    }
  });

  it('runs the Deployment as the service account its RoleBinding binds to the ClusterRole of the same name', () => {
    const account = manifestObject(file, 'ServiceAccount');
    const binding = manifestObject<RoleBinding>(file, 'RoleBinding');
    expect(deployment.spec.template.spec.serviceAccountName).toBe(account.metadata.name);
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: account.metadata.name, namespace: 'flyte' }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name });
    expect(manifestObject(role, 'ClusterRole', name).metadata.name).toBe(name);
  });

  it("runs as the image's own non-root user (image/Dockerfile's USER)", () => {
    const { uid, gid } = imageUser();
    expect(uid).not.toBe(0);
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsUser: uid, runAsGroup: gid });
  });

  it('selects its own Pods and runs the documented image as a non-root, read-only container', () => {
    const selector = deployment.spec.selector.matchLabels;
    expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
    expect(selector['app.kubernetes.io/component']).toBe(name.replace('kueue-', ''));
    expect(container.image).toBe(IMAGE);
    expect(container.command).toEqual(['kubectl-kueue']);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });
});

describe('the serve Deployment and Service', () => {
  const deployment = manifestObject<Deployment>('in-cluster-serve.yaml', 'Deployment');
  const container = deployment.spec.template.spec.containers[0] as Container;
  const args = container.args ?? [];

  it('serves on all interfaces, port 8089, namespace flyte', () => {
    expect(args).toEqual(['serve', '--host', '0.0.0.0', '--port', '8089', '--namespace', 'flyte', '--metrics-bind-address', ':8080']);
    expect(portNumber(container, 'metrics')).toBe(8080);
  });

  it('probes /healthz for liveness and /readyz for readiness on the port serve listens on', () => {
    const listening = Number(flagValue(args, '--port'));
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(portNumber(container, container.livenessProbe?.httpGet?.port ?? -1)).toBe(listening);
    expect(portNumber(container, container.readinessProbe?.httpGet?.port ?? -1)).toBe(listening);
  });

  it('exposes that port through a Service selecting the serve Pods only', () => {
    const service = manifestObject<Service>('in-cluster-serve.yaml', 'Service');
    const labels = deployment.spec.template.metadata.labels;
    for (const [key, value] of Object.entries(service.spec.selector)) expect(labels[key]).toBe(value);
    const executorLabels = manifestObject<Deployment>('in-cluster-executor.yaml', 'Deployment').spec.template.metadata.labels;
    expect(Object.entries(service.spec.selector).every(([k, v]) => executorLabels[k] === v)).toBe(false);
    expect(service.spec.ports).toHaveLength(1);
    expect(service.spec.ports[0]?.port).toBe(8089);
    expect(portNumber(container, service.spec.ports[0]?.targetPort ?? -1)).toBe(8089);
  });
});

describe('the executor Deployment', () => {
  it('executes the TaskActions of namespace flyte', () => {
    const container = manifestObject<Deployment>('in-cluster-executor.yaml', 'Deployment').spec.template.spec.containers[0] as Container;
    expect(container.args?.slice(0, 3)).toEqual(['executor', '-n', 'flyte']);
  });

  it('probes /healthz and /readyz on the port --health-probe-bind-address listens on, and names the metrics port', () => {
    const container = manifestObject<Deployment>('in-cluster-executor.yaml', 'Deployment').spec.template.spec.containers[0] as Container;
    const flag = (name: string) => Number(String(container.args?.[(container.args.indexOf(name) ?? -2) + 1]).replace(/^:/, ''));
    const probes = flag('--health-probe-bind-address');
    expect(probes).toBeGreaterThan(0);
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(portNumber(container, container.livenessProbe?.httpGet?.port ?? -1)).toBe(probes);
    expect(portNumber(container, container.readinessProbe?.httpGet?.port ?? -1)).toBe(probes);
    expect(portNumber(container, 'metrics')).toBe(flag('--metrics-bind-address'));
  });
});
