import { type Leadership, type LeadershipListener } from './leadership.js';
import { type LeadershipTerm } from './leadership-term.js';
import { LeaseScope, type LeaseScopeOptions } from './lease-scope.js';

/** One Lease for everything the executor serves: one namespace, or every namespace with `--lease-namespace`. */
export class SingleLeaseLeadership implements Leadership {
  private readonly scope: LeaseScope;

  constructor(options: Omit<LeaseScopeOptions, 'onStarted' | 'onStopped' | 'mayAcquire'>, listener: LeadershipListener) {
    this.scope = new LeaseScope({
      ...options,
      onStarted: (term) => listener.onStarted(undefined, term),
      onStopped: () => listener.onStopped(undefined),
    });
  }

  termFor(): LeadershipTerm {
    return this.scope.term;
  }

  get leadingAny(): boolean {
    return this.scope.term.active;
  }

  get leaderIdentity(): string | undefined {
    const holder = this.scope.holder;
    return holder === '' ? undefined : holder;
  }

  get namespacesLed(): undefined {
    return undefined;
  }

  start(): void {
    this.scope.start();
  }

  stop(): Promise<void> {
    return this.scope.stop();
  }

  namespacesChanged(): void {}
}
