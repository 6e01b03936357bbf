import { backoffDelayMs, type BackoffMs } from '../kube/index.js';
import { KeyFifo } from './key-fifo.js';

/** How long `addRateLimited` waits: 250 ms after a key's first failure, doubling up to 30 s. */
export const DEFAULT_RETRY_BACKOFF: BackoffMs = { initial: 250, max: 30_000 };

export interface WorkQueueOptions {
  /** Keys processed at once. */
  concurrency: number;
  /** Does the work for a key; what it throws goes to `onError` (the queue itself never retries). */
  process: (key: string) => Promise<void>;
  onError?: (key: string, error: unknown) => void;
  /** Called whenever a key finishes and whenever the queue becomes empty. */
  onSettled?: () => void;
  /** Delays of `addRateLimited` (default `DEFAULT_RETRY_BACKOFF`). */
  retryBackoff?: BackoffMs;
  /**
   * How soon a key starts, asked when it is added (absent: all are ordinary). The executor makes work already
   * under way urgent, so a finished attempt is recorded at once rather than behind a backlog of new actions (as
   * controller-runtime's priority queue puts changes before the initial list), and work that is ending `first`.
   */
  urgencyOf?: (key: string) => Urgency;
  /**
   * Of the `concurrency` workers, how many only urgent (and first) keys may use (default 0): with every other
   * worker busy on a backlog of slow keys, an urgent one still starts at once instead of waiting for one of them.
   */
  reservedForUrgent?: number;
  /**
   * A key starts, after waiting `waitedMs` since it was queued at the urgency it starts with (as client-go's
   * `workqueue_queue_duration_seconds`, by urgency): where a backlog makes work wait.
   */
  onStart?: (key: string, waitedMs: number, urgency: Urgency) => void;
  /**
   * How much CPU time keys may take starting back to back before the event loop gets a turn (default
   * `DEFAULT_YIELD_AFTER_MS`; CPU time, so that a process the machine holds back does not yield more often).
   * A round that needs no I/O (a resync that finds nothing to do reads only caches) ends within the same turn and
   * its worker starts the next key at once; without a limit, a resync of 20,000 actions held the event loop for
   * seconds, and with it every watch event and every answer that other rounds were waiting for.
   */
  yieldAfterMs?: number;
}

/** See `WorkQueueOptions.yieldAfterMs`. */
export const DEFAULT_YIELD_AFTER_MS = 10;

/** In which order keys start: every `first` key before every `urgent` one, and those before `ordinary` ones. */
export type Urgency = 'first' | 'urgent' | 'ordinary';

const RANK: Record<Urgency, number> = { first: 2, urgent: 1, ordinary: 0 };

/**
 * A keyed, rate-limited work queue with the guarantees of client-go's:
 * - a key waits in the queue at most once, however often it is added;
 * - a key is never processed by two workers at once: a key added while it is processed runs once more afterwards,
 *   so no change is missed; up to `concurrency` different keys run in parallel, in the order they were added
 *   within each urgency (`urgencyOf`: first, then urgent, then ordinary); a waiting key added again at a higher
 *   urgency moves up, never down; `reservedForUrgent` of the workers run urgent and first keys only;
 * - of several delayed adds of one key the earliest wins, and an immediate add replaces a delayed one;
 * - retries are the caller's decision, not the queue's: after a failure the caller calls `addRateLimited`, which
 *   delays the key by its own failure count (one backoff per key, so a failing key never slows the others); after
 *   a success, or when the key's object is gone, `forget` starts its count over;
 * - a paused queue keeps collecting keys without processing them (a standby executor); after `shutdown` every
 *   add is ignored;
 * - keys start back to back for at most `yieldAfterMs` of one turn of the event loop; the rest start after the
 *   event loop has run what was waiting for it (I/O, timers), so rounds that need no I/O never starve those that do.
 */
export class WorkQueue {
  /**
   * Keys in the order they start, a list per urgency. A key that moved up is in several: only the entry in the
   * list of the urgency it is queued at (`queued`) counts; the others are skipped.
   */
  private readonly lists: Record<Urgency, KeyFifo> = { first: new KeyFifo(), urgent: new KeyFifo(), ordinary: new KeyFifo() };
  private readonly queued = new Map<string, Urgency>();
  /** When each queued key was queued at its urgency. */
  private readonly queuedSince = new Map<string, number>();
  private readonly active = new Map<string, Promise<void>>();
  /** The keys among `active` that started without being urgent. */
  private readonly activeOrdinary = new Set<string>();
  private readonly ordinaryLimit: number;
  private readonly dirty = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly requeues = new Map<string, number>();
  private readonly retryBackoff: BackoffMs;
  private readonly yieldAfterMs: number;
  /** The CPU time (µs) when the keys started in this turn of the event loop began; undefined once it turned. */
  private turnStartedAt: number | undefined;
  private resumeAfterTurn = false;
  private paused = true;
  private stopped = false;

  constructor(private readonly options: WorkQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new Error(`concurrency must be a whole number of at least 1, not ${options.concurrency}`);
    }
    const reserved = options.reservedForUrgent ?? 0;
    if (!Number.isInteger(reserved) || reserved < 0 || reserved >= options.concurrency) {
      throw new Error(`reservedForUrgent must be a whole number from 0 to concurrency - 1 (${options.concurrency - 1}), not ${reserved}`);
    }
    this.ordinaryLimit = options.concurrency - reserved;
    this.retryBackoff = options.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    this.yieldAfterMs = options.yieldAfterMs ?? DEFAULT_YIELD_AFTER_MS;
  }

  add(key: string): void {
    if (this.stopped) return;
    const delayed = this.delayed.get(key);
    if (delayed !== undefined) {
      clearTimeout(delayed.timer);
      this.delayed.delete(key);
    }
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    const urgency = this.options.urgencyOf?.(key) ?? 'ordinary';
    const queuedAt = this.queued.get(key);
    // Already waiting: it only moves ahead, when it has become more urgent.
    if (queuedAt !== undefined && RANK[queuedAt] >= RANK[urgency]) return;
    this.queued.set(key, urgency);
    this.queuedSince.set(key, Date.now());
    this.lists[urgency].push(key);
    this.pump();
  }

  /** Adds the key after `ms`; an earlier pending add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + ms;
    const existing = this.delayed.get(key);
    if (existing !== undefined) {
      if (existing.at <= at) return;
      clearTimeout(existing.timer);
    }
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.delayed.set(key, { at, timer });
  }

  /**
   * Adds the key after its backoff, counting one more failure of it: the first call waits `retryBackoff.initial`,
   * each further one twice as long, up to `retryBackoff.max`, until `forget`. Returns the delay chosen.
   */
  addRateLimited(key: string): number {
    const failures = this.numRequeues(key) + 1;
    this.requeues.set(key, failures);
    const delay = backoffDelayMs(failures, this.retryBackoff);
    this.addAfter(key, delay);
    return delay;
  }

  /** Starts the key's failure count over; the key stays queued if it is. Call it when the key's work succeeded. */
  forget(key: string): void {
    this.requeues.delete(key);
  }

  /** How often the key was added rate limited since it was last forgotten. */
  numRequeues(key: string): number {
    return this.requeues.get(key) ?? 0;
  }

  /** Stop starting keys; those running finish. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (this.stopped) return;
    this.paused = false;
    this.pump();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Keys waiting to be processed (not counting delayed ones). */
  get length(): number {
    return this.queued.size;
  }

  /** Keys being processed now. */
  get inFlight(): number {
    return this.active.size;
  }

  /** Keys scheduled for later. */
  get scheduled(): number {
    return this.delayed.size;
  }

  /** Settles when no key is being processed. */
  async drain(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()]);
  }

  /** Drops everything waiting and waits for the keys being processed. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.paused = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    for (const list of Object.values(this.lists)) list.clear();
    this.queued.clear();
    this.queuedSince.clear();
    this.dirty.clear();
    this.requeues.clear();
    await this.drain();
  }

  private pump(): void {
    if (this.paused || this.active.size >= this.options.concurrency || this.queued.size === 0) return;
    if (!this.mayStartInThisTurn()) return;
    while (!this.paused && this.active.size < this.options.concurrency) {
      const next = this.next();
      if (next === undefined) return;
      const { key, urgency } = next;
      this.queued.delete(key);
      const since = this.queuedSince.get(key);
      this.queuedSince.delete(key);
      if (since !== undefined) this.options.onStart?.(key, Date.now() - since, urgency);
      if (urgency === 'ordinary') this.activeOrdinary.add(key);
      this.active.set(key, this.run(key));
    }
  }

  /**
   * Whether keys may still start in this turn of the event loop. setImmediate callbacks run once the loop has
   * polled for I/O, so the first one marks the turn's end, and a pump held back runs from the second.
   */
  private mayStartInThisTurn(): boolean {
    const now = cpuMicros();
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      setImmediate(() => {
        this.turnStartedAt = undefined;
      });
      return true;
    }
    if (now - this.turnStartedAt < this.yieldAfterMs * 1000) return true;
    if (!this.resumeAfterTurn) {
      this.resumeAfterTurn = true;
      setImmediate(() => {
        this.resumeAfterTurn = false;
        this.pump();
      });
    }
    return false;
  }

  /**
   * The next key to start, skipping entries that no longer count (the key started, or moved up): a first or
   * urgent one, or an ordinary one while the workers not reserved for urgent keys are not all taken.
   */
  private next(): { key: string; urgency: Urgency } | undefined {
    const order: Urgency[] = this.activeOrdinary.size < this.ordinaryLimit ? ['first', 'urgent', 'ordinary'] : ['first', 'urgent'];
    for (const urgency of order) {
      const list = this.lists[urgency];
      while (list.length > 0) {
        const key = list.shift() as string;
        if (this.queued.get(key) === urgency) return { key, urgency };
      }
    }
    return undefined;
  }

  private async run(key: string): Promise<void> {
    try {
      await this.options.process(key);
    } catch (err) {
      this.options.onError?.(key, err);
    } finally {
      this.active.delete(key);
      this.activeOrdinary.delete(key);
      if (this.dirty.delete(key)) this.add(key);
      this.pump();
      this.options.onSettled?.();
    }
  }
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
