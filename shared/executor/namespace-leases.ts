import { type KubeClient } from '../kube/index.js';
import { DEFAULT_LEASE_DURATION_MS } from './executor-defaults.js';
import { type ExecutorLogger } from './executor-logger.js';
import { ExecutorMembers } from './executor-members.js';
import { DEFAULT_RETRY_PERIOD_MS } from './leader-election.js';
import { type Leadership, type LeadershipListener } from './leadership.js';
import { LeadershipTerm } from './leadership-term.js';
import { LeaseScope, type LeaseTimings } from './lease-scope.js';
import { fairShare, mayTakeNamespace, namespaceToHandOver } from './namespace-share.js';

export interface NamespaceLeasesOptions extends LeaseTimings {
  client: KubeClient;
  /** The Lease's name in every namespace (and the prefix of the replicas' member Leases). */
  leaseName: string;
  /** Where the replicas register their member Leases. */
  memberNamespace: string;
  identity: string;
  /** The namespaces that hold TaskActions now: each needs a leader. */
  namespaces: () => Iterable<string>;
  logger: ExecutorLogger;
}

/**
 * One Lease per namespace, for an executor that serves every namespace: several replicas share the namespaces,
 * each leading at most its fair share of them (the namespaces with TaskActions over the replicas alive, rounded
 * up). A replica leading more than its share hands one over per tick while another has room; a replica that dies
 * stops renewing, and the others take its namespaces once its Leases expire, as a standby takes a single Lease.
 */
export class NamespaceLeases implements Leadership {
  private readonly scopes = new Map<string, LeaseScope>();
  private readonly members: ExecutorMembers;
  private readonly leaseDurationMs: number;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private share = 1;

  constructor(
    private readonly options: NamespaceLeasesOptions,
    private readonly listener: LeadershipListener,
  ) {
    this.leaseDurationMs = options.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
    this.tickMs = options.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
    this.members = new ExecutorMembers({
      client: options.client,
      namespace: options.memberNamespace,
      leaseName: options.leaseName,
      identity: options.identity,
      leaseDurationMs: this.leaseDurationMs,
      logger: options.logger,
    });
  }

  termFor(namespace: string): LeadershipTerm {
    return this.scopes.get(namespace)?.term ?? LeadershipTerm.over(`${namespace}/${this.options.leaseName}`, this.options.identity);
  }

  get leadingAny(): boolean {
    for (const scope of this.scopes.values()) if (scope.term.active) return true;
    return false;
  }

  get leaderIdentity(): undefined {
    return undefined;
  }

  get namespacesLed(): number {
    return this.led().length;
  }

  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    const scopes = [...this.scopes.values()];
    this.scopes.clear();
    for (const scope of scopes) scope.term.end();
    await Promise.all(scopes.map((scope) => scope.stop()));
    await this.members.leave();
  }

  namespacesChanged(): void {
    if (this.timer !== undefined) void this.tick();
  }

  /** One round: follow the namespaces, learn who else runs, hand over what is more than the share. */
  private tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async round(): Promise<void> {
    await this.members.refresh();
    if (this.stopped) return;
    const wanted = new Set(this.options.namespaces());
    const alive = this.members.alive();
    this.share = fairShare(wanted.size, alive.length);
    for (const namespace of wanted) if (!this.scopes.has(namespace)) this.campaign(namespace);
    for (const [namespace, scope] of this.scopes) {
      if (wanted.has(namespace)) continue;
      // No TaskAction left there: nothing to lead, and nothing to hold a Lease for.
      this.scopes.delete(namespace);
      await scope.stop();
    }
    const handOver = namespaceToHandOver({ self: this.options.identity, led: this.held(), share: this.share, alive, holdings: this.holdings() });
    if (handOver !== undefined) {
      this.options.logger.info('handing a namespace over to another executor', { namespace: handOver, share: this.share, replicas: alive.length });
      this.scopes.get(handOver)?.handOver();
    }
  }

  private campaign(namespace: string): void {
    const scope = new LeaseScope({
      client: this.options.client,
      namespace,
      name: this.options.leaseName,
      identity: this.options.identity,
      leaderElection: true,
      ...(this.options.leaseDurationMs !== undefined ? { leaseDurationMs: this.options.leaseDurationMs } : {}),
      ...(this.options.renewDeadlineMs !== undefined ? { renewDeadlineMs: this.options.renewDeadlineMs } : {}),
      ...(this.options.retryPeriodMs !== undefined ? { retryPeriodMs: this.options.retryPeriodMs } : {}),
      mayAcquire: (unheldForMs) => mayTakeNamespace(this.held().length, this.share, unheldForMs, this.leaseDurationMs),
      onStarted: (term) => this.listener.onStarted(namespace, term),
      onStopped: () => this.listener.onStopped(namespace),
      logger: this.options.logger,
    });
    this.scopes.set(namespace, scope);
    scope.start();
  }

  private led(): string[] {
    return [...this.scopes].filter(([, scope]) => scope.term.active).map(([namespace]) => namespace);
  }

  private held(): string[] {
    return [...this.scopes].filter(([, scope]) => scope.holds).map(([namespace]) => namespace);
  }

  /** Namespaces per holder, as last seen in each namespace's Lease. */
  private holdings(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const scope of this.scopes.values()) {
      const holder = scope.holder;
      if (holder !== '') counts.set(holder, (counts.get(holder) ?? 0) + 1);
    }
    return counts;
  }
}
