import { type KubeList, type KubeObject, type WatchEvent } from './kube-object.js';
import { type ResourceType } from './resource-type.js';

/** How one request (not a watch) is bounded and fenced; none of it goes to the server. */
export interface RequestOptions {
  /** Cancels the request: before it is sent it is not sent, in flight it is cut off; it fails with the signal's reason. */
  signal?: AbortSignal;
  /** A limit on this request's whole duration, below the client's own request timeout when that is longer. */
  timeoutMs?: number;
  /**
   * Called synchronously at the last moment before the request goes on the wire (after authentication, which may
   * take a while); what it throws refuses the request. A leader's fence: no write leaves after leadership is lost.
   */
  beforeSend?: () => void;
}

export interface ListOptions extends RequestOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WriteOptions extends RequestOptions {
  /** Server-side dry run (`dryRun=All`): validated and admitted, never stored. */
  dryRun?: boolean;
  fieldManager?: string;
  /**
   * What the API server does with fields the schema does not declare: `Strict` refuses the write (400), `Warn`
   * and `Ignore` prune them (the server's default is `Warn`).
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** Query parameters of a `getRaw` request; undefined values are left out. */
export type RawQuery = Record<string, string | number | boolean | undefined>;

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'merge' | 'json' | 'apply';

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
  subresource?: 'status';
}

export interface WatchOptions {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: boolean;
  /** Ask the server to end the watch after this many seconds (it then ends cleanly). */
  timeoutSeconds?: number;
}

/** A running watch: `done` settles when the stream ends (resolves) or fails (rejects). */
export interface WatchHandle {
  done: Promise<void>;
  stop(): void;
}

/**
 * The one narrow door to Kubernetes used by the whole core. Errors are `KubeApiError` for API answers and
 * `KubeConnectionError` when the server cannot be reached. `namespace: undefined` lists across namespaces.
 */
export interface KubeClient {
  readonly namespace: string;
  get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string, options?: RequestOptions): Promise<T>;
  list<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options?: ListOptions): Promise<KubeList<T>>;
  create<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T, options?: WriteOptions): Promise<T>;
  replace<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T, options?: WriteOptions & { subresource?: 'status' }): Promise<T>;
  patch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType,
    options?: PatchOptions,
  ): Promise<T>;
  delete(type: ResourceType, namespace: string | undefined, name: string, options?: DeleteOptions): Promise<void>;
  watch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    options: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): WatchHandle;
  /**
   * GET of a path that answers text rather than an object, such as `/readyz` or a Pod's `log` subresource; returns
   * the body text. `query` is added to the URL (a `?` inside `path` would be escaped as part of the path).
   */
  getRaw(path: string, query?: RawQuery): Promise<string>;
  /**
   * A GET whose text answer arrives over time, such as a followed Pod log: `onText` gets the body as it comes, in
   * pieces that need not end at a line. `done` resolves when the server ends the answer or `stop()` is called, and
   * rejects with a `KubeApiError` for an error status or a `KubeConnectionError` when the connection breaks.
   */
  streamRaw(path: string, query: RawQuery, onText: (text: string) => void): WatchHandle;
}
