/**
 * Wakes waiters whenever something they watch changed (a Pod, a TaskAction), so a waiter re-checks its condition
 * against the watch caches instead of polling.
 */
export class ChangeFeed {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** True once `check()` holds (now or after a change); false after `timeoutMs`, or at once when `signal` aborts. */
  until(check: () => boolean, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<boolean> {
    const { signal, timeoutMs } = options;
    if (check()) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: boolean) => {
        this.waiters.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clearTimeout(timer);
        resolve(outcome);
      };
      const wake = () => {
        if (check()) finish(true);
      };
      const onAbort = () => finish(false);
      this.waiters.add(wake);
      signal?.addEventListener('abort', onAbort);
      if (timeoutMs !== undefined) timer = setTimeout(() => finish(check()), timeoutMs);
    });
  }
}
