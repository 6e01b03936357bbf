import { type LeadershipTerm } from './leadership-term.js';

/**
 * Where this process may act, and under which term. Either one Lease covers every namespace the executor serves
 * (`SingleLeaseLeadership`), or each namespace has a Lease of its own and replicas share the namespaces
 * (`NamespaceLeases`). Terms end before anyone is told, so a write after the end is refused.
 */
export interface Leadership {
  /** The term an action in `namespace` is handled in: an ended one where this process does not lead. */
  termFor(namespace: string): LeadershipTerm;
  /** Leads at least one namespace now. */
  readonly leadingAny: boolean;
  /** Who holds the one Lease, when there is one and it is known. */
  readonly leaderIdentity: string | undefined;
  /** How many namespaces this process leads, when each has its own Lease. */
  readonly namespacesLed: number | undefined;
  start(): void;
  /** Ends every term, then releases the Leases. */
  stop(): Promise<void>;
  /** Something changed in the namespaces that hold TaskActions: look at them again now rather than at the next tick. */
  namespacesChanged(): void;
}

/** Told about terms as they begin and end; `namespace` undefined: the term covers every namespace served. */
export interface LeadershipListener {
  onStarted(namespace: string | undefined, term: LeadershipTerm): void;
  onStopped(namespace: string | undefined): void;
}
