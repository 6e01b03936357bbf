import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isKubeApiError } from '../../../../shared/errors/api-error.js';
import { type KubeClient } from '../../../../shared/kube/kube-client.js';
import { type KubeObject } from '../../../../shared/kube/kube-object.js';
import { pollUntil } from '../../../../shared/kube/poll-until.js';
import { CUSTOM_RESOURCE_DEFINITIONS, type ResourceType } from '../../../../shared/kube/resource-type.js';
import { serverSideApply } from '../../../../shared/kube/server-side-apply.js';
import { waitForCrdEstablished } from '../../../../shared/kube/wait-for-crd.js';
import { type ProcessGroup } from './process-group.js';

interface CrdObject extends KubeObject {
  spec: { group: string; names: { kind: string; plural: string }; scope: string; versions: { name: string; storage: boolean }[] };
}

/** Every CustomResourceDefinition in the `crds/` directory. */
export function readCrds(crdDir: string): CrdObject[] {
  const crds: CrdObject[] = [];
  for (const file of readdirSync(crdDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(path.join(crdDir, file), 'utf8'))) {
      const obj = doc.toJS() as CrdObject | null;
      if (obj?.kind === 'CustomResourceDefinition') crds.push(obj);
    }
  }
  return crds;
}

export function crdResourceType(crd: CrdObject): ResourceType {
  const storage = crd.spec.versions.find((v) => v.storage) ?? crd.spec.versions[0];
  return {
    group: crd.spec.group,
    version: storage?.name ?? 'v1',
    kind: crd.spec.names.kind,
    plural: crd.spec.names.plural,
    namespaced: crd.spec.scope === 'Namespaced',
  };
}

/** Applies the project's CRDs and waits until each is established. */
export async function installCrds(client: KubeClient, crdDir: string): Promise<void> {
  for (const crd of readCrds(crdDir)) {
    await serverSideApply(client, CUSTOM_RESOURCE_DEFINITIONS, crd);
    await waitForCrdEstablished(client, crd.metadata.name ?? '');
  }
}

/**
 * Proves the garbage collector cascades through TaskActions: a parent and a child linked by an
 * ownerReference; deleting the parent must remove the child. The collector learns new resources from
 * discovery, so this is retried until it works or the time is up.
 */
export async function waitForGarbageCollection(client: KubeClient, group: ProcessGroup, crdDir: string, timeoutMs: number): Promise<void> {
  const crd = readCrds(crdDir).find((c) => c.spec.names.kind === 'TaskAction');
  if (!crd) throw new Error('crds/ has no TaskAction CRD');
  const type = crdResourceType(crd);
  const ns = 'default';
  const spec = (action: string) => ({ runName: 'gc-probe', project: 'kueue', domain: 'test', actionName: action });
  let attempt = 0;
  await pollUntil(
    async () => {
      group.assertAlive();
      attempt += 1;
      const parentName = `gc-probe-parent-${attempt}`;
      const childName = `gc-probe-child-${attempt}`;
      const parent = await client.create<KubeObject>(type, ns, {
        apiVersion: `${type.group}/${type.version}`,
        kind: type.kind,
        metadata: { name: parentName },
        spec: spec('parent'),
      } as KubeObject);
      await client.create<KubeObject>(type, ns, {
        apiVersion: `${type.group}/${type.version}`,
        kind: type.kind,
        metadata: {
          name: childName,
          ownerReferences: [
            { apiVersion: `${type.group}/${type.version}`, kind: type.kind, name: parentName, uid: parent.metadata.uid ?? '', blockOwnerDeletion: true },
          ],
        },
        spec: spec('child'),
      } as KubeObject);
      await client.delete(type, ns, parentName, { propagationPolicy: 'Background' });
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        try {
          await client.get(type, ns, childName);
        } catch (err) {
          if (isKubeApiError(err) && err.code === 404) return true;
          throw err;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await client.delete(type, ns, childName).catch(() => undefined);
      return false;
    },
    { timeoutMs, what: () => `the garbage collector to delete a TaskAction's child (attempt ${attempt})` },
  );
}
