import { type ActionUpdate } from '@flyteorg/flyteidl2/flyteidl2/workflow/state_service_pb.js';
import { Informer, type KubeClient } from '../kube/index.js';
import { LABEL_RUN, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { actionUpdateOf } from './action-update.js';

/** Set by Flyte's runs service once it has recorded an action's terminal status: watchers no longer hear of it. */
export const LABEL_TERMINAL_STATUS_RECORDED = 'flyte.org/terminal-status-recorded';

/** Flyte's service buffers 1000 updates per stream; here that many distinct actions wait, each its latest state. */
export const DEFAULT_STREAM_BUFFER = 1000;

export interface WatchedParent {
  project: string;
  domain: string;
  runName: string;
  actionName: string;
}

export type WatchItem = { kind: 'update'; update: ActionUpdate } | { kind: 'sentinel' };

/** One stream's pending updates: the latest per action (coalesced), at most `limit` actions; more are dropped. */
class PendingUpdates {
  private readonly latest = new Map<string, ActionUpdate>();
  private wake: (() => void) | undefined;
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(key: string, update: ActionUpdate): void {
    if (!this.latest.has(key) && this.latest.size >= this.limit) {
      this.dropped++;
      return;
    }
    // Re-inserting moves the action to the end: a stream sends actions in the order they last changed.
    this.latest.delete(key);
    this.latest.set(key, update);
    this.wake?.();
  }

  take(): ActionUpdate[] {
    const updates = [...this.latest.values()];
    this.latest.clear();
    return updates;
  }

  waitForMore(signal: AbortSignal): Promise<void> {
    if (this.latest.size > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.wake = undefined;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

function matches(action: TaskAction, parent: WatchedParent): boolean {
  const spec = action.spec;
  return spec.project === parent.project && spec.domain === parent.domain && spec.runName === parent.runName;
}

function isChildOf(action: TaskAction, parent: WatchedParent): boolean {
  return matches(action, parent) && action.spec.parentActionName === parent.actionName;
}

function isRecorded(action: TaskAction): boolean {
  return action.metadata.labels?.[LABEL_TERMINAL_STATUS_RECORDED] === 'true';
}

/**
 * Live ActionUpdates for every WatchForUpdates stream of one namespace from ONE list+watch of its TaskActions,
 * however many streams are open: each stream gets a snapshot (the parent and its direct children) from the shared
 * cache, the sentinel, then the changes of the parent's children, coalesced per action in a bounded buffer that
 * the stream drains as fast as its client reads (a slow client holds at most one update per action).
 */
export class ActionUpdatesHub {
  private informer: Informer<TaskAction> | undefined;
  private readonly streams = new Set<{ parent: WatchedParent; pending: PendingUpdates }>();
  /** Ends every stream: a server shutting down must not wait for clients that would watch for ever. */
  private readonly closing = new AbortController();

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly bufferLimit = DEFAULT_STREAM_BUFFER,
  ) {}

  /** Open streams, and whether the shared watch runs. */
  stats(): { streams: number; watching: boolean } {
    return { streams: this.streams.size, watching: this.informer !== undefined };
  }

  private shared(): Informer<TaskAction> {
    if (this.informer === undefined) {
      const informer = new Informer<TaskAction>(this.client, TASKACTIONS, { namespace: this.namespace, labelSelector: LABEL_RUN });
      informer.addListener({
        onEvent: (type, action) => {
          if (isRecorded(action)) return;
          for (const stream of this.streams) {
            if (!isChildOf(action, stream.parent)) continue;
            stream.pending.push(action.spec.actionName, actionUpdateOf(action, { deleted: type === 'deleted' }));
          }
        },
      });
      this.informer = informer.start();
    }
    return this.informer;
  }

  /** An update no TaskAction carries (a trace action): sent to the streams watching `parent` as a live change. */
  publish(parent: WatchedParent, update: ActionUpdate): void {
    for (const stream of this.streams) {
      const p = stream.parent;
      if (p.project === parent.project && p.domain === parent.domain && p.runName === parent.runName && p.actionName === parent.actionName) {
        stream.pending.push(update.actionId?.name ?? '', update);
      }
    }
  }

  async *watch(parent: WatchedParent, clientSignal: AbortSignal): AsyncGenerator<WatchItem> {
    const signal = AbortSignal.any([clientSignal, this.closing.signal]);
    if (signal.aborted) return;
    const informer = this.shared();
    const stream = { parent, pending: new PendingUpdates(this.bufferLimit) };
    // Registered before the snapshot, so nothing that changes while it is sent is missed.
    this.streams.add(stream);
    try {
      await Promise.race([informer.synced, new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
      if (signal.aborted) return;
      // The snapshot is the cache now: whatever was pending (the first list's own events) is in it already.
      stream.pending.take();
      const snapshot = informer
        .list()
        .filter((action) => !isRecorded(action) && matches(action, parent) && (action.spec.actionName === parent.actionName || action.spec.parentActionName === parent.actionName));
      for (const action of snapshot) yield { kind: 'update', update: actionUpdateOf(action) };
      yield { kind: 'sentinel' };
      while (!signal.aborted) {
        await stream.pending.waitForMore(signal);
        for (const update of stream.pending.take()) yield { kind: 'update', update };
      }
    } finally {
      this.streams.delete(stream);
      if (this.streams.size === 0) this.stop();
    }
  }

  /** Ends every open stream (after what it already holds) and the shared watch; new streams end at once. */
  close(): void {
    this.closing.abort();
    this.stop();
  }

  private stop(): void {
    this.informer?.stop();
    this.informer = undefined;
  }
}
