import { errorMessage, formatApiError, isKubeApiError } from '../../errors/index.js';
import { CUSTOM_RESOURCE_DEFINITIONS, type KubeClient, type KubeObject, qualifiedPlural } from '../../kube/index.js';
import { TASKACTIONS } from '../../task-action/index.js';

export interface Readiness {
  ready: boolean;
  /** Why not, in words an operator can act on; `OK` when ready. */
  reason: string;
}

interface CrdStatus extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

const CRD_NAME = qualifiedPlural(TASKACTIONS);
const INSTALL_HINT = 'install it with `kubectl kueue install`';

function failure(err: unknown): Readiness {
  if (isKubeApiError(err)) return { ready: false, reason: formatApiError(err) };
  // KubeConnectionError says which server could not be reached and why.
  return { ready: false, reason: errorMessage(err) };
}

/**
 * Whether the queue can serve: the API server answers and the TaskAction CRD is established. The CRD is read
 * when the serving identity may read CRDs; otherwise listing one TaskAction in the namespace proves the same
 * (the API server serves the resource only once the CRD is established) with namespace-scoped permissions.
 */
async function probe(client: KubeClient, namespace: string): Promise<Readiness> {
  try {
    const crd = await client.get<CrdStatus>(CUSTOM_RESOURCE_DEFINITIONS, undefined, CRD_NAME);
    const established = crd.status?.conditions?.find((c) => c.type === 'Established');
    if (established?.status !== 'True') {
      const detail = established ? `Established=${established.status}${established.message ? `: ${established.message}` : ''}` : 'no Established condition yet';
      return { ready: false, reason: `CRD ${CRD_NAME} is not established (${detail})` };
    }
    return { ready: true, reason: 'OK' };
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) {
      return { ready: false, reason: `CRD ${CRD_NAME} is not installed; ${INSTALL_HINT}` };
    }
    if (!(isKubeApiError(err) && err.code === 403)) return failure(err);
  }
  try {
    await client.list(TASKACTIONS, namespace, { limit: 1 });
    return { ready: true, reason: 'OK' };
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) {
      return { ready: false, reason: `the API server does not serve ${CRD_NAME}; ${INSTALL_HINT}` };
    }
    return failure(err);
  }
}

/** `probe`, bounded in time: a hung API server makes the check fail rather than hang the prober. */
export async function checkReadiness(client: KubeClient, namespace: string, timeoutMs = 5_000): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: `the API server did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([probe(client, namespace), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
