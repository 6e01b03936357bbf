import { type KubeObject } from '../kube/index.js';

/** `coordination.k8s.io/v1` Lease spec, as client-go's leader election writes it. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

/** `metav1.MicroTime`: RFC 3339 with exactly six fractional digits, in UTC. */
export function formatMicroTime(time: Date): string {
  return time.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Whether another identity holds the lease. As in client-go, expiry is judged by this process's clock from the
 * moment it last saw the lease change (`observedAtMs`), never from the times written in the lease, so clock skew
 * between machines cannot make two executors leaders at once.
 */
export function heldByAnother(spec: LeaseSpec | undefined, identity: string, observedAtMs: number, nowMs: number): boolean {
  const holder = spec?.holderIdentity ?? '';
  if (holder === '' || holder === identity) return false;
  const durationMs = (spec?.leaseDurationSeconds ?? 0) * 1000;
  return observedAtMs + durationMs > nowMs;
}

/** The spec that takes (or, for the holder, renews) the lease. */
export function claimedSpec(previous: LeaseSpec | undefined, identity: string, leaseDurationSeconds: number, now: Date): LeaseSpec {
  const time = formatMicroTime(now);
  if (previous?.holderIdentity === identity) {
    return { ...previous, leaseDurationSeconds, renewTime: time, acquireTime: previous.acquireTime ?? time };
  }
  return {
    holderIdentity: identity,
    leaseDurationSeconds,
    acquireTime: time,
    renewTime: time,
    leaseTransitions: (previous?.leaseTransitions ?? 0) + (previous?.holderIdentity ? 1 : 0),
  };
}

/** What a leader writes when it stops: no holder and a 1 s duration, so a standby takes over at once (client-go). */
export function releasedSpec(previous: LeaseSpec | undefined, now: Date): LeaseSpec {
  const time = formatMicroTime(now);
  return { leaseDurationSeconds: 1, acquireTime: time, renewTime: time, leaseTransitions: previous?.leaseTransitions ?? 0 };
}
