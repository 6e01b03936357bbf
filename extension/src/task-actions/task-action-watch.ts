import { asError } from '../../../shared/errors/index.js';
import { type BackoffMs, Informer, type InformerEventType, type KubeClient } from '../../../shared/kube/index.js';
import { type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';

export type WatchState = { kind: 'connecting' } | { kind: 'synced' } | { kind: 'failing'; error: Error; retryInMs: number };

export interface TaskActionWatchOptions {
  /** How often to check whether the server answers again after a failure. */
  probeMs?: number;
  watchdogMs?: number;
  backoffMs?: BackoffMs;
}

export interface TaskActionWatchListener {
  onEvent?(type: InformerEventType, action: TaskAction): void;
  onState?(state: WatchState): void;
}

/**
 * The TaskActions of one namespace, kept current by the core's resilient Informer, plus a connection state for
 * the view. The Informer reconnects by itself but says nothing when a re-established watch is quiet, so after a
 * failure a small list request checks the server every few seconds and the state turns back to synced as soon as
 * it answers (or the Informer re-lists).
 */
export class TaskActionWatch {
  private readonly informer: Informer<TaskAction>;
  private readonly listeners = new Set<TaskActionWatchListener>();
  private current: WatchState = { kind: 'connecting' };
  private probeTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly client: KubeClient,
    readonly namespace: string,
    private readonly options: TaskActionWatchOptions = {},
  ) {
    this.informer = new Informer<TaskAction>(client, TASKACTIONS, {
      namespace,
      ...(options.watchdogMs !== undefined ? { watchdogMs: options.watchdogMs } : {}),
      ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    });
    this.informer.addListener({
      onEvent: (type, action) => {
        for (const l of this.listeners) l.onEvent?.(type, action);
        // An event is proof the watch works again.
        if (this.current.kind === 'failing') this.setState({ kind: 'synced' });
      },
      onSynced: () => this.setState({ kind: 'synced' }),
      onError: (error, retryInMs) => {
        this.setState({ kind: 'failing', error, retryInMs });
        this.scheduleProbe();
      },
    });
  }

  get state(): WatchState {
    return this.current;
  }

  get hasSynced(): boolean {
    return this.informer.hasSynced;
  }

  list(): TaskAction[] {
    return this.informer.list();
  }

  get(name: string): TaskAction | undefined {
    return this.informer.get(this.namespace, name);
  }

  addListener(listener: TaskActionWatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.informer.start();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.probeTimer);
    this.informer.stop();
    this.listeners.clear();
  }

  private setState(state: WatchState): void {
    if (this.stopped) return;
    if (state.kind === 'synced') clearTimeout(this.probeTimer);
    const same = state.kind === this.current.kind && (state.kind !== 'failing' || (this.current.kind === 'failing' && this.current.error.message === state.error.message));
    this.current = state;
    if (same) return;
    for (const l of this.listeners) l.onState?.(state);
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => void this.probe(), this.options.probeMs ?? 2_000);
    this.probeTimer.unref();
  }

  private async probe(): Promise<void> {
    if (this.stopped || this.current.kind !== 'failing') return;
    try {
      await this.client.list(TASKACTIONS, this.namespace, { limit: 1 });
      // The server answers; the Informer's next attempt (a watch from where it was, or a re-list) goes through.
      if (this.informer.hasSynced) this.setState({ kind: 'synced' });
      else this.scheduleProbe();
    } catch (error) {
      if (this.current.kind === 'failing') this.setState({ ...this.current, error: asError(error) });
      this.scheduleProbe();
    }
  }
}
