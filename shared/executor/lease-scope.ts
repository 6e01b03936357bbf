import { type ExecutorLogger } from './executor-logger.js';
import { LeaderElector } from './leader-election.js';
import { LeadershipTerm } from './leadership-term.js';
import { type KubeClient, keyOf } from '../kube/index.js';

export interface LeaseTimings {
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

export interface LeaseScopeOptions extends LeaseTimings {
  client: KubeClient;
  /** Where the Lease lives and what it is called. */
  namespace: string;
  name: string;
  identity: string;
  /** Off: no Lease at all; this process leads from `start` to `stop`. */
  leaderElection: boolean;
  mayAcquire?: (unheldForMs: number) => boolean;
  /** Called once the term has begun. */
  onStarted: (term: LeadershipTerm) => void;
  /** Called once the term has ended (its signal aborted, its writes refused). */
  onStopped: () => void;
  logger: ExecutorLogger;
}

/**
 * One Lease and the terms of leadership it grants this process: a term begins when the Lease is won and ends,
 * before anyone is told, when it is lost, handed over or released.
 */
export class LeaseScope {
  private readonly elector: LeaderElector | undefined;
  private current: LeadershipTerm;
  private readonly ref: string;

  constructor(private readonly options: LeaseScopeOptions) {
    this.ref = keyOf(options.namespace, options.name);
    this.current = LeadershipTerm.over(this.ref, options.identity);
    if (!options.leaderElection) return;
    this.elector = new LeaderElector({
      client: options.client,
      namespace: options.namespace,
      name: options.name,
      identity: options.identity,
      ...(options.leaseDurationMs !== undefined ? { leaseDurationMs: options.leaseDurationMs } : {}),
      ...(options.renewDeadlineMs !== undefined ? { renewDeadlineMs: options.renewDeadlineMs } : {}),
      ...(options.retryPeriodMs !== undefined ? { retryPeriodMs: options.retryPeriodMs } : {}),
      ...(options.mayAcquire !== undefined ? { mayAcquire: options.mayAcquire } : {}),
      onStartedLeading: () => this.begin(),
      onStoppedLeading: () => this.end(),
      logger: options.logger,
    });
  }

  /** The current term; an ended one while this process does not lead. */
  get term(): LeadershipTerm {
    return this.current;
  }

  /** Holds the Lease (or runs without one and has started). */
  get holds(): boolean {
    return this.elector?.holds ?? this.current.active;
  }

  /** Who holds the Lease as last seen ('' when nobody or unknown). */
  get holder(): string {
    if (this.elector === undefined) return this.current.active ? this.options.identity : '';
    return this.elector.leader;
  }

  start(): void {
    if (this.elector !== undefined) this.elector.start();
    else this.begin();
  }

  /** Lets another process take the Lease; campaigning goes on. */
  handOver(): void {
    this.elector?.handOver();
  }

  /** Ends the term and releases the Lease, so a standby takes over at once. */
  async stop(): Promise<void> {
    this.end();
    await this.elector?.stop();
  }

  private begin(): void {
    if (this.current.active) return;
    const elector = this.elector;
    this.current = new LeadershipTerm(elector !== undefined ? () => elector.isLeader : () => true, this.ref, this.options.identity);
    this.options.onStarted(this.current);
  }

  private end(): void {
    if (this.current.signal.aborted) return;
    this.current.end();
    this.options.onStopped();
  }
}
