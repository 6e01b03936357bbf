import { createHash } from 'node:crypto';
import { errorMessage, isKubeApiError } from '../errors/index.js';
import { type KubeClient, LEASES } from '../kube/index.js';
import { type ExecutorLogger } from './executor-logger.js';
import { type Lease, claimedSpec } from './lease-record.js';

export interface ExecutorMembersOptions {
  client: KubeClient;
  /** Where the replicas register. */
  namespace: string;
  /** The replicas' Lease name; member Leases are named after it. */
  leaseName: string;
  identity: string;
  leaseDurationMs: number;
  logger: ExecutorLogger;
}

/** Member Leases silent for this many lease durations belong to replicas that are gone: one of the others deletes them. */
const FORGET_AFTER_DURATIONS = 20;

interface Seen {
  holder: string;
  resourceVersion: string;
  /** When this process saw the Lease change last, by its own clock. */
  changedAtMs: number;
}

/**
 * The executor replicas that share namespaces, each known by a Lease of its own that it renews (a "member
 * Lease", `<lease name>-member-<hash of identity>`). A replica counts as alive while its member Lease keeps
 * changing: judged by this process's clock from when it saw the last change, as leader election judges expiry,
 * so clock skew between machines does not matter.
 */
export class ExecutorMembers {
  private readonly seen = new Map<string, Seen>();
  private readonly ownName: string;
  private readonly prefix: string;

  constructor(private readonly options: ExecutorMembersOptions) {
    this.prefix = `${options.leaseName}-member-`;
    this.ownName = `${this.prefix}${createHash('sha256').update(options.identity).digest('hex').slice(0, 16)}`;
  }

  /** Identities of the replicas alive now, this one included, sorted. */
  alive(nowMs = Date.now()): string[] {
    const alive = new Set([this.options.identity]);
    for (const seen of this.seen.values()) {
      if (seen.holder !== '' && seen.changedAtMs + this.options.leaseDurationMs > nowMs) alive.add(seen.holder);
    }
    return [...alive].sort();
  }

  /** Renews this replica's member Lease and reads the others'. Failures are logged; what was seen stays. */
  async refresh(signal?: AbortSignal): Promise<void> {
    try {
      await this.renewOwn(signal);
      const leases = await this.options.client.list<Lease>(LEASES, this.options.namespace, signal !== undefined ? { signal } : {});
      this.observe(leases.items.filter((lease) => (lease.metadata.name ?? '').startsWith(this.prefix)));
    } catch (err) {
      this.options.logger.debug('could not refresh the executor replicas', { namespace: this.options.namespace, error: errorMessage(err) });
    }
  }

  /** Deletes this replica's member Lease, so the others count one replica less at once. */
  async leave(signal?: AbortSignal): Promise<void> {
    try {
      await this.options.client.delete(LEASES, this.options.namespace, this.ownName, signal !== undefined ? { signal } : {});
    } catch (err) {
      if (!(isKubeApiError(err) && err.code === 404)) {
        this.options.logger.warn('could not remove the member Lease', { lease: this.ownName, error: errorMessage(err) });
      }
    }
  }

  private async renewOwn(signal?: AbortSignal): Promise<void> {
    const { client, namespace, identity, leaseDurationMs } = this.options;
    const bounds = signal !== undefined ? { signal } : {};
    const durationSeconds = Math.ceil(leaseDurationMs / 1000);
    let lease: Lease;
    try {
      lease = await client.get<Lease>(LEASES, namespace, this.ownName, bounds);
    } catch (err) {
      if (!(isKubeApiError(err) && err.code === 404)) throw err;
      await client.create<Lease>(LEASES, namespace, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.ownName, namespace, labels: { 'app.kubernetes.io/name': 'kueue', 'app.kubernetes.io/component': 'executor-member' } },
        spec: claimedSpec(undefined, identity, durationSeconds, new Date()),
      }, bounds);
      return;
    }
    await client.replace<Lease>(LEASES, namespace, { ...lease, spec: claimedSpec(lease.spec, identity, durationSeconds, new Date()) }, bounds);
  }

  private observe(leases: Lease[]): void {
    const nowMs = Date.now();
    const names = new Set<string>();
    for (const lease of leases) {
      const name = lease.metadata.name ?? '';
      names.add(name);
      const resourceVersion = lease.metadata.resourceVersion ?? '';
      const before = this.seen.get(name);
      if (before?.resourceVersion === resourceVersion) continue;
      this.seen.set(name, { holder: lease.spec?.holderIdentity ?? '', resourceVersion, changedAtMs: nowMs });
    }
    for (const name of this.seen.keys()) if (!names.has(name)) this.seen.delete(name);
    void this.forgetGone(nowMs);
  }

  /** Deletes member Leases of replicas long gone (killed ones never delete their own), only if unchanged since. */
  private async forgetGone(nowMs: number): Promise<void> {
    for (const [name, seen] of this.seen) {
      if (name === this.ownName || seen.changedAtMs + FORGET_AFTER_DURATIONS * this.options.leaseDurationMs > nowMs) continue;
      try {
        await this.options.client.delete(LEASES, this.options.namespace, name, { preconditions: { resourceVersion: seen.resourceVersion } });
        this.seen.delete(name);
      } catch (err) {
        if (isKubeApiError(err) && (err.code === 404 || err.code === 409)) this.seen.delete(name);
      }
    }
  }
}
