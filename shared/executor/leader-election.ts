import { errorMessage, isKubeApiError } from '../errors/index.js';
import { keyOf, type KubeClient, LEASES } from '../kube/index.js';
import { DEFAULT_LEASE_DURATION_MS } from './executor-defaults.js';
import { type ExecutorLogger } from './executor-logger.js';
import { type Lease, type LeaseSpec, claimedSpec, heldByAnother, releasedSpec } from './lease-record.js';

export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_PERIOD_MS = 2_000;

export interface LeaderElectionOptions {
  client: KubeClient;
  namespace: string;
  name: string;
  identity: string;
  /** How long a lease lasts without renewal before a standby may take it. */
  leaseDurationMs?: number;
  /** A leader that could not renew for this long stops acting (before its lease can expire). */
  renewDeadlineMs?: number;
  /** Time between attempts to acquire or renew. */
  retryPeriodMs?: number;
  /**
   * The longest one attempt (a Lease read and write) may take; default the renew deadline. A leader's attempt is
   * cut off at its renew deadline in any case (client-go's rule: a slow answer still counts until then).
   */
  attemptTimeoutMs?: number;
  onStartedLeading: () => void;
  /** Called when leadership is lost or given up; the caller must stop acting at once. */
  onStoppedLeading: () => void;
  /** Someone (maybe this process) is now known to hold the lease. */
  onNewLeader?: (identity: string) => void;
  /**
   * Asked before taking a lease nobody holds (free, expired or missing), with how long this process has seen it
   * unheld; false leaves it to others this round. Renewing a lease this process holds is never gated.
   */
  mayAcquire?: (unheldForMs: number) => boolean;
  logger: ExecutorLogger;
  now?: () => Date;
}

/**
 * Leader election on a `coordination.k8s.io/v1` Lease, with client-go's rules: create the lease or take it once
 * it has not been renewed for its duration (as measured by this process's clock), renew it every retry period,
 * give up leadership when renewals fail for the renew deadline (shorter than the duration, so the old leader
 * stops before a new one can start), and on a clean stop write an empty holder so a standby takes over at once.
 * Writes carry the resource version, so of two contenders exactly one wins each round.
 *
 * The renew deadline holds even when the API server does not answer at all: a timer ends leadership at the
 * deadline and cuts off the renewal in flight, and `isLeader` reads the clock, so a process that was frozen (or
 * whose timers run late) knows it may no longer act before any timer has fired.
 */
export class LeaderElector {
  private leading = false;
  /** The last attempt to acquire or renew succeeded: the lease names us (even before we start leading). */
  private holding = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private observedVersion = '';
  private observedAtMs = 0;
  private observedSpec: LeaseSpec | undefined;
  /** When the last successful attempt started: the server wrote the renewal after this moment, never before. */
  private renewedAtMs = 0;
  private lostAtMs = 0;
  private deadlineTimer: NodeJS.Timeout | undefined;
  /** Cuts off the attempt in flight when the renew deadline passes. */
  private attempt: AbortController | undefined;
  private knownLeader = '';
  /** When this process first saw the lease unheld (0: held by another, or not looked at yet). */
  private unheldSinceMs = 0;
  private handOverRequested = false;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: LeaderElectionOptions) {
    this.leaseDurationMs = options.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
    this.renewDeadlineMs = options.renewDeadlineMs ?? Math.min(DEFAULT_RENEW_DEADLINE_MS, Math.floor((this.leaseDurationMs * 2) / 3));
    this.retryPeriodMs = options.retryPeriodMs ?? Math.min(DEFAULT_RETRY_PERIOD_MS, Math.max(100, Math.floor(this.renewDeadlineMs / 4)));
    if (this.leaseDurationMs < 1000) throw new Error('the lease duration must be at least 1s');
    if (this.renewDeadlineMs >= this.leaseDurationMs) throw new Error('the renew deadline must be shorter than the lease duration');
    if (this.retryPeriodMs >= this.renewDeadlineMs) throw new Error('the retry period must be shorter than the renew deadline');
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? this.renewDeadlineMs;
    this.now = options.now ?? (() => new Date());
  }

  /** Leading, and the renew deadline has not passed (by the clock, whether or not its timer has fired yet). */
  get isLeader(): boolean {
    return this.leading && Date.now() < this.leadershipDeadlineMs;
  }

  /** Until when the last renewal lets this process act (epoch ms); 0 when it does not lead. */
  get leadershipDeadlineMs(): number {
    return this.leading ? this.renewedAtMs + this.renewDeadlineMs : 0;
  }

  /** The identity last seen holding the lease ('' when nobody holds it). */
  get leader(): string {
    return this.knownLeader;
  }

  start(): void {
    if (this.loop !== undefined) return;
    this.loop = this.run();
  }

  /** Holds the lease now (it names this process after the last attempt), leading or about to. */
  get holds(): boolean {
    return this.holding;
  }

  /**
   * Gives the lease up for another process to take: a leader stops leading (callbacks first), the lease is
   * released, and campaigning goes on, gated by `mayAcquire` as for any unheld lease.
   */
  handOver(): void {
    if (!this.holding || this.stopped) return;
    this.handOverRequested = true;
    this.wake?.();
  }

  /** Stops campaigning; a leader stops leading (callbacks first) and, with `release`, frees the lease. */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // An attempt in flight finishes (it is bounded): one that won the lease must release it, not leave it to expire.
    await this.loop;
    clearTimeout(this.deadlineTimer);
    if (this.leading) {
      this.leading = false;
      this.options.onStoppedLeading();
    }
    // Also when the lease was won in the very round that stop interrupted, before leading began.
    if (this.holding && options.release !== false) await this.bounded(this.attemptTimeoutMs, undefined, (signal) => this.release(signal));
    this.holding = false;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.checkDeadline();
      if (this.handOverRequested) await this.giveUp();
      const startedMs = Date.now();
      const held = await this.boundedAttempt(startedMs);
      this.holding = held;
      if (held) this.unheldSinceMs = 0;
      if (this.stopped) break;
      // Timers run late in a process that was frozen: the clock decides before an answer can extend leadership.
      this.checkDeadline();
      if (held) {
        this.renewed(startedMs);
      } else if (this.leading && heldByAnother(this.observedSpec, this.options.identity, this.observedAtMs, Date.now())) {
        this.loseLeadership('another executor holds the lease');
      }
      // Standbys add jitter so that several of them do not all try in the same instant.
      await this.sleep(this.leading ? this.retryPeriodMs : this.retryPeriodMs * (1 + Math.random() * 0.2));
    }
  }

  private async giveUp(): Promise<void> {
    this.handOverRequested = false;
    if (!this.holding) return;
    this.loseLeadership('handed over to another executor');
    this.holding = false;
    await this.bounded(this.attemptTimeoutMs, undefined, (signal) => this.release(signal));
  }

  /** Whether this process may take the lease now that nobody holds it. */
  private mayTake(): boolean {
    const nowMs = Date.now();
    if (this.unheldSinceMs === 0) this.unheldSinceMs = nowMs;
    return this.options.mayAcquire?.(nowMs - this.unheldSinceMs) ?? true;
  }

  /**
   * One attempt, raced against its time limit (and, for a leader, the renew deadline): a request that hangs is cut
   * off, and even a client that ignores the cut-off cannot hold the loop past it.
   */
  private async boundedAttempt(startedMs: number): Promise<boolean> {
    const limitMs = this.leading ? Math.min(this.attemptTimeoutMs, this.leadershipDeadlineMs - startedMs) : this.attemptTimeoutMs;
    return this.bounded(limitMs, false, (signal) => this.tryAcquireOrRenew(signal));
  }

  /** Runs `work` with a signal that aborts after `limitMs` (or at the renew deadline); settles with `fallback` when cut off. */
  private async bounded<T>(limitMs: number, fallback: T, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const attempt = new AbortController();
    this.attempt = attempt;
    const timer = setTimeout(() => attempt.abort(new Error(`no answer within ${limitMs} ms`)), Math.max(0, limitMs));
    const cutOff = new Promise<T>((resolve) => attempt.signal.addEventListener('abort', () => resolve(fallback), { once: true }));
    try {
      return await Promise.race([work(attempt.signal), cutOff]);
    } finally {
      clearTimeout(timer);
      if (this.attempt === attempt) this.attempt = undefined;
    }
  }

  /** A successful attempt: lead (again), with a deadline counted from when the attempt started. */
  private renewed(startedMs: number): void {
    // An attempt that began before leadership was lost says nothing about now: the next one decides.
    if (!this.leading && startedMs < this.lostAtMs) return;
    this.renewedAtMs = startedMs;
    clearTimeout(this.deadlineTimer);
    const untilDeadline = this.renewedAtMs + this.renewDeadlineMs - Date.now();
    this.deadlineTimer = setTimeout(() => this.loseLeadership(this.deadlineReason()), Math.max(0, untilDeadline));
    this.deadlineTimer.unref();
    if (!this.leading) {
      this.leading = true;
      this.options.logger.info('became the leader', { lease: this.leaseRef(), identity: this.options.identity });
      this.options.onStartedLeading();
    }
  }

  private checkDeadline(): void {
    if (this.leading && Date.now() >= this.leadershipDeadlineMs) this.loseLeadership(this.deadlineReason());
  }

  private deadlineReason(): string {
    return `the lease could not be renewed within the renew deadline (${this.renewDeadlineMs} ms)`;
  }

  private loseLeadership(reason: string): void {
    if (!this.leading) return;
    this.leading = false;
    this.lostAtMs = Date.now();
    clearTimeout(this.deadlineTimer);
    this.attempt?.abort(new Error(reason));
    this.options.logger.warn('lost the lease', { lease: this.leaseRef(), holder: this.knownLeader || undefined, reason });
    this.options.onStoppedLeading();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private leaseRef(): string {
    return keyOf(this.options.namespace, this.options.name);
  }

  private observe(lease: Lease): void {
    const version = lease.metadata.resourceVersion ?? '';
    if (version !== this.observedVersion) {
      this.observedVersion = version;
      this.observedAtMs = Date.now();
      this.observedSpec = lease.spec;
    }
    const holder = lease.spec?.holderIdentity ?? '';
    if (holder !== this.knownLeader) {
      this.knownLeader = holder;
      if (holder !== '') this.options.onNewLeader?.(holder);
    }
  }

  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { client, namespace, name, identity } = this.options;
    const bounds = { signal };
    const durationSeconds = Math.ceil(this.leaseDurationMs / 1000);
    try {
      let lease: Lease;
      try {
        lease = await client.get<Lease>(LEASES, namespace, name, bounds);
      } catch (err) {
        if (!(isKubeApiError(err) && err.code === 404)) throw err;
        if (!this.mayTake()) return false;
        const created = await client.create<Lease>(LEASES, namespace, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: claimedSpec(undefined, identity, durationSeconds, this.now()),
        }, bounds);
        if (signal.aborted) return false;
        this.observe(created);
        return true;
      }
      if (signal.aborted) return false;
      this.observe(lease);
      if (heldByAnother(lease.spec, identity, this.observedAtMs, Date.now())) {
        this.unheldSinceMs = 0;
        return false;
      }
      if (lease.spec?.holderIdentity !== identity && !this.mayTake()) return false;
      const updated = await client.replace<Lease>(LEASES, namespace, {
        ...lease,
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        spec: claimedSpec(lease.spec, identity, durationSeconds, this.now()),
      }, bounds);
      if (signal.aborted) return false;
      this.observe(updated);
      return true;
    } catch (err) {
      // Conflict or AlreadyExists: another contender wrote first this round. Anything else: try again later.
      if (!(isKubeApiError(err) && err.code === 409)) {
        this.options.logger.debug('lease request failed', { lease: this.leaseRef(), error: errorMessage(err) });
      }
      return false;
    }
  }

  private async release(signal: AbortSignal): Promise<void> {
    const { client, namespace, name, identity } = this.options;
    try {
      const lease = await client.get<Lease>(LEASES, namespace, name, { signal });
      if (lease.spec?.holderIdentity !== identity || signal.aborted) return;
      await client.replace<Lease>(LEASES, namespace, {
        ...lease,
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        spec: releasedSpec(lease.spec, this.now()),
      }, { signal });
      this.options.logger.info('released the lease', { lease: this.leaseRef() });
    } catch (err) {
      // The lease then simply expires; a standby takes over after its duration.
      this.options.logger.warn('could not release the lease', { lease: this.leaseRef(), error: errorMessage(err) });
    }
  }
}
