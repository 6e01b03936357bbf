import { asError, isKubeApiError } from '../errors/index.js';
import { type BackoffMs, backoffDelayMs } from './backoff.js';
import { type KubeClient, type WatchHandle } from './kube-client.js';
import { type KubeObject } from './kube-object.js';
import { keyOf, objectKey } from './object-key.js';
import { type ResourceType } from './resource-type.js';

export type InformerEventType = 'added' | 'modified' | 'deleted';

export interface InformerOptions<T extends KubeObject = KubeObject> {
  /** Namespace to watch; undefined = all namespaces. */
  namespace: string | undefined;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size of the initial and recovery lists. */
  pageSize?: number;
  /** Restart a watch that has delivered nothing (not even a bookmark) for this long. */
  watchdogMs?: number;
  /** First and largest delay between reconnection attempts (default 200 ms to 10 s). */
  backoffMs?: BackoffMs;
  /**
   * Applied to every object before it is cached or handed to a listener (client-go's SetTransform): a cache of
   * thousands of objects keeps only what its readers use.
   */
  transform?: (object: T) => T;
}

export interface InformerListener<T extends KubeObject> {
  /** One object changed; after a re-list, differences from the previous state arrive as events too. */
  onEvent?(type: InformerEventType, object: T, previous: T | undefined): void;
  /** The cache holds the full current state (after the first list and after every recovery). */
  onSynced?(objects: T[]): void;
  /** The connection failed; the informer retries by itself after `retryInMs`. */
  onError?(error: Error, retryInMs: number): void;
}

const SERVER_TIMEOUT_SECONDS = [300, 600] as const;
const DEFAULT_BACKOFF: BackoffMs = { initial: 200, max: 10_000 };

/**
 * A list+watch cache that keeps itself right: it reconnects with exponential backoff after any failure,
 * re-lists when the server says its resource version is too old (410 Gone), restarts a watch that went
 * silent (half-open connections deliver nothing, not even bookmarks), and after a re-list reports the
 * differences as ordinary events, so listeners never see an object twice or miss a deletion.
 */
export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly listeners = new Set<InformerListener<T>>();
  private resourceVersion = '';
  private handle: WatchHandle | undefined;
  private stopped = false;
  private watchdog: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private syncedOnce = false;
  private resolveSynced!: () => void;
  /** Settles after the first successful list. */
  readonly synced: Promise<void> = new Promise((resolve) => (this.resolveSynced = resolve));

  constructor(
    private readonly client: KubeClient,
    private readonly type: ResourceType,
    private readonly options: InformerOptions<T>,
  ) {}

  addListener(listener: InformerListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): this {
    void this.relist();
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.watchdog);
    clearTimeout(this.retryTimer);
    this.handle?.stop();
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(keyOf(namespace ?? '', name));
  }

  get hasSynced(): boolean {
    return this.syncedOnce;
  }

  private transformed(object: T): T {
    return this.options.transform ? this.options.transform(object) : object;
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    try {
      const fresh = new Map<string, T>();
      let continueToken: string | undefined;
      let resourceVersion = '';
      do {
        const page = await this.client.list<T>(this.type, this.options.namespace, {
          labelSelector: this.options.labelSelector,
          fieldSelector: this.options.fieldSelector,
          limit: this.options.pageSize ?? 500,
          continue: continueToken,
        });
        for (const item of page.items) fresh.set(objectKey(item), this.transformed(item));
        continueToken = page.metadata.continue || undefined;
        resourceVersion = page.metadata.resourceVersion ?? '';
      } while (continueToken);
      if (this.stopped) return;
      this.replace(fresh);
      this.resourceVersion = resourceVersion;
      this.failures = 0;
      if (!this.syncedOnce) {
        this.syncedOnce = true;
        this.resolveSynced();
      }
      for (const l of this.listeners) l.onSynced?.(this.list());
      this.watch();
    } catch (err) {
      this.retry(err, () => this.relist());
    }
  }

  private replace(fresh: Map<string, T>): void {
    for (const [k, old] of this.cache) {
      if (!fresh.has(k)) {
        this.cache.delete(k);
        this.emit('deleted', old, old);
      }
    }
    for (const [k, obj] of fresh) {
      const old = this.cache.get(k);
      this.cache.set(k, obj);
      if (!old) this.emit('added', obj, undefined);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('modified', obj, old);
    }
  }

  private watch(): void {
    if (this.stopped) return;
    const [min, max] = SERVER_TIMEOUT_SECONDS;
    const handle = this.client.watch<T>(
      this.type,
      this.options.namespace,
      {
        resourceVersion: this.resourceVersion,
        labelSelector: this.options.labelSelector,
        fieldSelector: this.options.fieldSelector,
        allowWatchBookmarks: true,
        // Like client-go: the server ends each watch after a random 5-10 minutes, spreading reconnects.
        timeoutSeconds: Math.floor(min + Math.random() * (max - min)),
      },
      (event) => {
        this.kickWatchdog();
        const rv = event.object.metadata.resourceVersion;
        if (rv) this.resourceVersion = rv;
        if (event.type === 'BOOKMARK') return;
        const object = this.transformed(event.object);
        const k = objectKey(object);
        const old = this.cache.get(k);
        if (event.type === 'DELETED') {
          this.cache.delete(k);
          this.emit('deleted', object, old);
        } else {
          this.cache.set(k, object);
          this.emit(old ? 'modified' : 'added', object, old);
        }
      },
    );
    this.handle = handle;
    this.kickWatchdog();
    handle.done.then(
      () => {
        clearTimeout(this.watchdog);
        if (!this.stopped && this.handle === handle) this.watch();
      },
      (err: unknown) => {
        clearTimeout(this.watchdog);
        if (this.stopped || this.handle !== handle) return;
        if (isKubeApiError(err) && (err.code === 410 || err.reason === 'Expired' || err.reason === 'Gone')) {
          // Our resource version is older than the server keeps: start over from a fresh list.
          void this.relist();
          return;
        }
        this.retry(err, () => this.watch());
      },
    );
  }

  private kickWatchdog(): void {
    clearTimeout(this.watchdog);
    const ms = this.options.watchdogMs ?? 90_000;
    this.watchdog = setTimeout(() => {
      // Silent for too long: the connection may be half-open. Drop it and watch again from where we were.
      const stale = this.handle;
      this.handle = undefined;
      stale?.stop();
      this.watch();
    }, ms);
    this.watchdog.unref?.();
  }

  private retry(err: unknown, again: () => unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = backoffDelayMs(this.failures, this.options.backoffMs ?? DEFAULT_BACKOFF);
    const error = asError(err);
    for (const l of this.listeners) l.onError?.(error, delay);
    this.retryTimer = setTimeout(() => void again(), delay);
  }

  private emit(type: InformerEventType, object: T, previous: T | undefined): void {
    for (const l of this.listeners) l.onEvent?.(type, object, previous);
  }
}
