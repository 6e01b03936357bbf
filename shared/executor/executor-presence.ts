import { isKubeApiError } from '../errors/index.js';
import { type KubeClient, LEASES } from '../kube/index.js';
import { DEFAULT_LEASE_NAME } from './executor-defaults.js';
import { type Lease } from './lease-record.js';

/** Whether an executor acts in a namespace: `unknown` when the Lease cannot be read (RBAC, connection). */
export type ExecutorPresence = 'running' | 'absent' | 'unknown';

/**
 * Slack on top of the lease duration before a lease counts as expired: a bystander judges by the times written in
 * the lease, so the writer's clock may be a little ahead or behind ours. Saying "no executor" wrongly is worse than
 * saying it a few seconds late.
 */
const CLOCK_SKEW_MS = 5_000;

/**
 * Reads the executor's Lease in `namespace`: an executor is running when someone holds it and renewed it within
 * its duration. A released lease (no holder), an expired one and a missing one all mean nobody executes there.
 */
export async function executorPresence(
  client: KubeClient,
  namespace: string,
  options: { leaseName?: string; now?: Date } = {},
): Promise<ExecutorPresence> {
  let lease: Lease;
  try {
    lease = await client.get<Lease>(LEASES, namespace, options.leaseName ?? DEFAULT_LEASE_NAME);
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) return 'absent';
    return 'unknown';
  }
  const spec = lease.spec ?? {};
  if ((spec.holderIdentity ?? '') === '') return 'absent';
  const renewed = Date.parse(spec.renewTime ?? spec.acquireTime ?? '');
  if (Number.isNaN(renewed)) return 'running';
  const expiresAt = renewed + (spec.leaseDurationSeconds ?? 0) * 1000 + CLOCK_SKEW_MS;
  return expiresAt > (options.now ?? new Date()).getTime() ? 'running' : 'absent';
}
