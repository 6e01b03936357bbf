import { sinceTimeAt } from './log-time.js';

/**
 * Where a followed log got to, so that reading it again after a dropped connection repeats no line and loses none.
 * The log is read again from the last line's second (`sinceTime`); lines older than the last one delivered are
 * dropped, and of the lines with exactly its time, as many as were already delivered (several lines can share a time).
 */
export class LogCursor {
  private last: bigint | undefined;
  /** Lines delivered with exactly the time `last`. */
  private deliveredAtLast = 0;
  /** Lines with the time `last` still to drop after a resume: the ones delivered before. */
  private repeatsAtLast = 0;

  /** Whether a line with this time is new (and, if so, it counts as delivered). Lines without a time always are. */
  admit(nanos: bigint | undefined): boolean {
    if (nanos === undefined) return true;
    if (this.last !== undefined && nanos < this.last) return false;
    if (this.last !== undefined && nanos === this.last) {
      if (this.repeatsAtLast > 0) {
        this.repeatsAtLast -= 1;
        return false;
      }
      this.deliveredAtLast += 1;
      return true;
    }
    this.last = nanos;
    this.deliveredAtLast = 1;
    this.repeatsAtLast = 0;
    return true;
  }

  get hasDelivered(): boolean {
    return this.last !== undefined;
  }

  /** The `sinceTime` to read again from; undefined when nothing was delivered yet (start over as first asked). */
  resume(): string | undefined {
    if (this.last === undefined) return undefined;
    this.repeatsAtLast = this.deliveredAtLast;
    return sinceTimeAt(this.last);
  }
}
