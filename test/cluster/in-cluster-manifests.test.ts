import { describe, expect, it } from 'vitest';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { resourceTypeOf } from '../../shared/kube/resource-type-of.js';
import { serverSideApply } from '../../shared/kube/server-side-apply.js';
import { manifestObjects } from '../helpers/manifest-files.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

interface Probe {
  httpGet: { path: string; port: number | string; scheme: string };
}

interface Deployment extends KubeObject {
  spec: {
    template: {
      spec: { containers: { name: string; args: string[]; ports?: { name: string; containerPort: number }[]; livenessProbe?: Probe; readinessProbe?: Probe }[] };
    };
  };
}

/** The manifest's objects moved from namespace flyte to the suite's own (the objects are otherwise unchanged). */
function inNamespace(file: string, namespace: string): KubeObject[] {
  return manifestObjects(file).map((o) => JSON.parse(JSON.stringify(o).replaceAll('"namespace":"flyte"', `"namespace":"${namespace}"`)) as KubeObject);
}

// Server-side dry run: the API server validates, defaults and admits every object (RoleBindings go through the
// RBAC escalation check too) and stores nothing, so no Deployment runs in the shared test cluster.
describe.skipIf(clusterUnavailable())('in-cluster manifests (crds/in-cluster-*.yaml)', () => {
  const ns = useClusterNamespace('manifests');

  it.each(['in-cluster-serve.yaml', 'in-cluster-executor.yaml'])('the API server accepts every object of %s', async (file) => {
    const objects = inNamespace(file, ns.namespace);
    expect(objects.length).toBeGreaterThanOrEqual(3);
    for (const object of objects) {
      const answered = await serverSideApply(ns.client, resourceTypeOf(object), object, { dryRun: true });
      expect(`${answered.kind}/${answered.metadata.name}`).toBe(`${object.kind}/${object.metadata.name}`);
      expect(answered.metadata.namespace).toBe(ns.namespace);
    }
  });

  it('the serve Deployment, as the server stores it, probes /healthz and /readyz on the port serve listens on', async () => {
    const deployment = inNamespace('in-cluster-serve.yaml', ns.namespace).find((o) => o.kind === 'Deployment') as Deployment;
    const stored = await serverSideApply(ns.client, resourceTypeOf(deployment), deployment, { dryRun: true });
    const container = stored.spec.template.spec.containers[0];
    const port = Number(container?.args[container.args.indexOf('--port') + 1]);
    expect(port).toBe(8089);
    const resolve = (p: number | string | undefined) => (typeof p === 'number' ? p : container?.ports?.find((c) => c.name === p)?.containerPort);
    expect(container?.livenessProbe?.httpGet).toMatchObject({ path: '/healthz', scheme: 'HTTP' });
    expect(container?.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', scheme: 'HTTP' });
    expect(resolve(container?.livenessProbe?.httpGet.port)).toBe(port);
    expect(resolve(container?.readinessProbe?.httpGet.port)).toBe(port);
  });

  it('is a real check: the same Deployment with a probe on an impossible port is rejected', async () => {
    const deployment = inNamespace('in-cluster-serve.yaml', ns.namespace).find((o) => o.kind === 'Deployment') as Deployment;
    const broken = JSON.parse(JSON.stringify(deployment)) as Deployment;
    const container = broken.spec.template.spec.containers[0];
    if (container?.readinessProbe) container.readinessProbe.httpGet.port = 70000;
    let caught: unknown;
    try {
      await serverSideApply(ns.client, resourceTypeOf(broken), broken, { dryRun: true });
    } catch (err) {
      caught = err;
    }
    expect(isKubeApiError(caught) && caught.code).toBe(422);
    expect((caught as Error).message).toContain('readinessProbe.httpGet.port');
  });
});
