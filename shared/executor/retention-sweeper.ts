import { errorMessage } from '../errors/index.js';
import { type KubeClient, objectKey } from '../kube/index.js';
import { DEFAULT_RETAIN_INTERVAL_MS, type RetentionSweep, sweepExpiredRuns } from '../runs/index.js';
import { type ExecutorLogger } from './executor-logger.js';

export interface RetentionOptions {
  client: KubeClient;
  /** The namespace served (undefined: all). */
  namespace: string | undefined;
  /** Finished runs are deleted this long after they ended; 0 or less keeps them for ever (no sweeps). */
  retainMs: number;
  /** Whether this process acts in a namespace now: runs elsewhere are another executor's to delete. */
  leads?: (namespace: string) => boolean;
  /** Only runs among the TaskActions matching it. */
  labelSelector?: string;
  intervalMs?: number;
  logger: ExecutorLogger;
  now: () => Date;
  /** Told after every sweep that deleted something. */
  onSweep?: (sweep: RetentionSweep) => void;
}

/**
 * Deletes finished runs once they are older than the retention time: a sweep when started (the leader takes over
 * whatever piled up while nobody cleaned), then one per interval until stopped. Sweeps never overlap; a failed one
 * is logged and the next interval tries again.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: RetentionOptions) {}

  get enabled(): boolean {
    return this.options.retainMs > 0;
  }

  start(): void {
    if (!this.enabled || this.timer !== undefined) return;
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? DEFAULT_RETAIN_INTERVAL_MS);
    this.timer.unref();
    void this.sweep();
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweep(): Promise<void> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<void> {
    const { client, namespace, retainMs, logger } = this.options;
    try {
      const sweep = await sweepExpiredRuns(client, namespace, retainMs, this.options.now(), {
        ...(this.options.leads !== undefined ? { include: this.options.leads } : {}),
        ...(this.options.labelSelector !== undefined ? { labelSelector: this.options.labelSelector } : {}),
      });
      if (sweep.runs.length === 0) return;
      logger.info('deleted finished runs past their retention', { runs: sweep.runs.length, taskActions: sweep.deleted.length });
      logger.debug('deleted runs', { runs: sweep.runs.join(','), taskActions: sweep.deleted.map((a) => objectKey(a)).join(',') });
      this.options.onSweep?.(sweep);
    } catch (err) {
      logger.warn('retention sweep failed, trying again at the next interval', { error: errorMessage(err) });
    }
  }
}
