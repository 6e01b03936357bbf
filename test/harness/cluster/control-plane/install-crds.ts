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
import { repoRoot } from '../../repo-root.js';
import { type TestCrd, testCrdFile } from '../test-crd.js';
import { type ProcessGroup } from './process-group.js';

interface CrdObject extends KubeObject {
  spec: { group: string; names: { kind: string; plural: string }; scope: string; versions: { name: string; storage: boolean }[] };
}

function crdsInFile(file: string): CrdObject[] {
  const crds: CrdObject[] = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const obj = doc.toJS() as CrdObject | null;
    if (obj?.kind === 'CustomResourceDefinition') crds.push(obj);
  }
  return crds;
}

/** Every CustomResourceDefinition in the `crds/` directory. */
export function readCrds(crdDir: string): CrdObject[] {
  return readdirSync(crdDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((file) => crdsInFile(path.join(crdDir, file)));
}

/** The CRDs a test cluster gets: those of `crds/`, with the TaskAction CRD chosen by `crd`. */
export function testClusterCrds(crd: TestCrd): CrdObject[] {
  const taskActions = crdsInFile(testCrdFile(crd));
  const names = new Set(taskActions.map((c) => c.metadata.name));
  return [...readCrds(path.join(repoRoot(), 'crds')).filter((c) => !names.has(c.metadata.name)), ...taskActions];
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

/**
 * Applies the project's CRDs (the TaskAction CRD chosen by `crd`) and waits until each is established. The
 * TaskAction CRD is replaced, not merged, when another kind is installed: a server-side apply would keep the
 * schema fields the other one owns.
 */
export async function installCrds(client: KubeClient, crd: TestCrd): Promise<void> {
  for (const wanted of testClusterCrds(crd)) {
    await replaceOrCreate(client, wanted);
    await waitForCrdEstablished(client, wanted.metadata.name ?? '');
  }
}

async function replaceOrCreate(client: KubeClient, wanted: CrdObject): Promise<void> {
  try {
    const existing = await client.get<CrdObject>(CUSTOM_RESOURCE_DEFINITIONS, undefined, wanted.metadata.name ?? '');
    await client.replace(CUSTOM_RESOURCE_DEFINITIONS, undefined, { ...wanted, metadata: { ...wanted.metadata, resourceVersion: existing.metadata.resourceVersion } });
  } catch (err) {
    if (!(isKubeApiError(err) && err.code === 404)) throw err;
    await serverSideApply(client, CUSTOM_RESOURCE_DEFINITIONS, wanted);
  }
}

/**
 * Proves the garbage collector cascades through TaskActions: a parent and a child linked by an
 * ownerReference; deleting the parent must remove the child. The collector learns new resources from
 * discovery, so this is retried until it works or the time is up.
 */
export async function waitForGarbageCollection(client: KubeClient, group: ProcessGroup, testCrd: TestCrd, timeoutMs: number): Promise<void> {
  const crd = testClusterCrds(testCrd).find((c) => c.spec.names.kind === 'TaskAction');
  if (!crd) throw new Error(`${testCrdFile(testCrd)} has no TaskAction CRD`);
  const type = crdResourceType(crd);
  const ns = 'default';
  // Every field Flyte's S3 schema requires, so the probe is valid under each CRD.
  const spec = (action: string) => ({
    runName: 'gc-probe',
    org: 'kueue',
    project: 'kueue',
    domain: 'test',
    actionName: action,
    inputUri: 'file:///gc-probe/inputs.pb',
    runOutputBase: 'file:///gc-probe/',
    taskType: 'container',
    taskTemplate: 'AA==',
  });
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
