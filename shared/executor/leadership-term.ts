import { setMaxListeners } from 'node:events';
import { LeadershipLostError } from '../errors/index.js';

/**
 * One stretch of leadership, from taking the Lease to losing or giving it up. Everything the executor does while
 * leading belongs to a term: reconciles are cancelled through its signal when it ends, and every write checks it
 * at the last moment before it is sent (`guard`), by the elector's clock as well as by the end of the term, so a
 * deposed leader (cut off, or frozen and resumed before any timer ran) writes nothing the new leader now owns.
 */
export class LeadershipTerm {
  private readonly controller = new AbortController();

  /**
   * @param holds whether the Lease still lets this process act (the elector's `isLeader`, which reads the clock)
   * @param lease `namespace/name` of the Lease, for messages
   */
  constructor(
    private readonly holds: () => boolean,
    private readonly lease: string,
    private readonly identity: string,
  ) {
    // Every request in flight during the term listens to its signal: hundreds at once are normal, not a leak.
    setMaxListeners(0, this.controller.signal);
  }

  /** A term that is already over: what a standby has. */
  static over(lease: string, identity: string): LeadershipTerm {
    const term = new LeadershipTerm(() => false, lease, identity);
    term.end();
    return term;
  }

  /** Aborted when the term ends, with a `LeadershipLostError` as the reason. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get active(): boolean {
    return !this.controller.signal.aborted && this.holds();
  }

  /** Throws `LeadershipLostError` unless the term is still on: called just before a write is sent. */
  guard(): void {
    if (!this.active) throw this.lost();
  }

  end(): void {
    if (!this.controller.signal.aborted) this.controller.abort(this.lost());
  }

  private lost(): LeadershipLostError {
    return new LeadershipLostError(this.lease, this.identity);
  }
}
