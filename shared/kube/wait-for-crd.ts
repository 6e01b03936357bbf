import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from './kube-client.js';
import { type KubeObject } from './kube-object.js';
import { CUSTOM_RESOURCE_DEFINITIONS } from './resource-type.js';
import { pollUntil } from './poll-until.js';

interface CrdStatus extends KubeObject {
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}

/** How long `waitForCrdEstablished` waits when the caller does not say. */
export const DEFAULT_CRD_ESTABLISHED_TIMEOUT_MS = 60_000;

/** Waits until the API server serves the CRD (condition Established=True); throws with its last state. */
export async function waitForCrdEstablished(client: KubeClient, name: string, timeoutMs = DEFAULT_CRD_ESTABLISHED_TIMEOUT_MS): Promise<void> {
  let last = 'not found yet';
  await pollUntil(
    async () => {
      let crd: CrdStatus;
      try {
        crd = await client.get<CrdStatus>(CUSTOM_RESOURCE_DEFINITIONS, undefined, name);
      } catch (err) {
        if (isKubeApiError(err) && err.code === 404) return false;
        throw err;
      }
      const conditions = crd.status?.conditions ?? [];
      const established = conditions.find((c) => c.type === 'Established');
      const namesAccepted = conditions.find((c) => c.type === 'NamesAccepted');
      if (namesAccepted?.status === 'False') throw new Error(`CRD ${name} names not accepted: ${namesAccepted.message ?? ''}`);
      last = established ? `Established=${established.status}` : 'no Established condition yet';
      return established?.status === 'True';
    },
    { timeoutMs, what: () => `CRD ${name} to be established (${last})` },
  );
}
