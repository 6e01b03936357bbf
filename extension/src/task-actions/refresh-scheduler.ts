export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Turns a stream of watch events into at most one repaint per `delayMs`, and none while the view is hidden.
 * The first event after a repaint starts the clock and later ones ride along (a trailing debounce would never fire
 * under a steady stream of status updates); events while hidden are remembered and repainted the moment the view
 * shows again.
 */
export class RefreshScheduler {
  private visible = false;
  private pending = false;
  private timer: unknown;

  constructor(
    private readonly flush: () => void,
    private readonly delayMs = 250,
    private readonly timers: Timers = NODE_TIMERS,
  ) {}

  get isVisible(): boolean {
    return this.visible;
  }

  /** Something changed. */
  request(): void {
    this.pending = true;
    if (this.visible && this.timer === undefined) this.timer = this.timers.setTimeout(() => this.run(), this.delayMs);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) {
      this.cancel();
      return;
    }
    if (this.pending) {
      this.cancel();
      this.run();
    }
  }

  dispose(): void {
    this.cancel();
    this.pending = false;
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.timer = undefined;
    if (!this.pending) return;
    this.pending = false;
    this.flush();
  }
}
