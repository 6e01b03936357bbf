import { type KubeClient } from '../../../../../shared/kube/kube-client.js';
import { type KubeObject } from '../../../../../shared/kube/kube-object.js';
import { CUSTOM_RESOURCE_DEFINITIONS, type ResourceType } from '../../../../../shared/kube/resource-type.js';
import { serverSideApply } from '../../../../../shared/kube/server-side-apply.js';
import { waitForCrdEstablished } from '../../../../../shared/kube/wait-for-crd.js';

/** kwok's per-Pod log configuration (kwok.x-k8s.io/v1alpha1 Logs): which file serves which container's log. */
export const KWOK_LOGS: ResourceType = { group: 'kwok.x-k8s.io', version: 'v1alpha1', kind: 'Logs', plural: 'logs', namespaced: true };

export interface KwokLogs extends KubeObject {
  spec: { logs: { containers: string[]; logsFile: string; follow: boolean }[] };
}

/**
 * A minimal CRD for kwok's Logs, enough for kwok (`--enable-crds=Logs`) to watch them: kwok reads only the
 * spec, and the schema keeps every field, so the harness does not depend on kwok's own CRD manifests.
 */
export async function installKwokLogsCrd(client: KubeClient): Promise<void> {
  const name = `${KWOK_LOGS.plural}.${KWOK_LOGS.group}`;
  await serverSideApply(client, CUSTOM_RESOURCE_DEFINITIONS, {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: KWOK_LOGS.group,
      scope: 'Namespaced',
      names: { kind: KWOK_LOGS.kind, listKind: `${KWOK_LOGS.kind}List`, plural: KWOK_LOGS.plural, singular: 'logs' },
      versions: [
        {
          name: KWOK_LOGS.version,
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  } as KubeObject);
  await waitForCrdEstablished(client, name);
}
