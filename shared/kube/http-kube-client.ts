import http from 'node:http';
import https from 'node:https';
import { asError, KubeConnectionError, KubeRequestTimeoutError } from '../errors/index.js';
import { applyConnectDeadline, type ConnectState, DEFAULT_CONNECT_TIMEOUT_MS } from './connect-deadline.js';
import { formatDuration } from './duration.js';
import { type Connection } from './load-connection.js';
import {
  type DeleteOptions,
  type KubeClient,
  type ListOptions,
  type PatchOptions,
  type PatchType,
  type RawQuery,
  type RequestOptions,
  type WatchHandle,
  type WatchOptions,
  type WriteOptions,
} from './kube-client.js';
import { type KubeList, type KubeObject, type WatchEvent } from './kube-object.js';
import { type ResourceType, apiVersionOf, resourcePath } from './resource-type.js';
import { statusError, watchStatusError } from './status-error.js';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

type Query = RawQuery;

/**
 * KubeClient over Node's HTTP stack. client-node supplies the kubeconfig and every authentication
 * mechanism (certificates, tokens, exec plugins) through `applyToHTTPSOptions`; requests themselves go
 * through one keep-alive agent so that one client serves a whole command (or the executor) with pooled
 * connections, uniform paths for core and custom resources, dry-run, field managers, all patch types, and
 * API errors reduced to the Status the server sent.
 */
export class HttpKubeClient implements KubeClient {
  readonly namespace: string;
  private readonly base: URL;
  private readonly agent: http.Agent;

  constructor(private readonly connection: Connection) {
    this.namespace = connection.namespace;
    this.base = new URL(connection.server);
    const isHttps = this.base.protocol === 'https:';
    this.agent = isHttps
      ? new https.Agent({ keepAlive: true, maxSockets: 64 })
      : new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  async get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string, options: RequestOptions = {}): Promise<T> {
    return this.json<T>('GET', resourcePath(type, namespace ?? this.namespace, name), {}, undefined, undefined, options);
  }

  async list<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): Promise<KubeList<T>> {
    const { signal, timeoutMs, beforeSend, ...query } = options;
    const list = await this.json<KubeList<T>>('GET', resourcePath(type, namespace), { ...query }, undefined, undefined, { signal, timeoutMs, beforeSend });
    // List items come without apiVersion/kind; restore them so callers can print or re-apply items.
    for (const item of list.items) {
      item.apiVersion ??= apiVersionOf(type);
      item.kind ??= type.kind;
    }
    return list;
  }

  async create<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T, options: WriteOptions = {}): Promise<T> {
    return this.json<T>('POST', resourcePath(type, namespace ?? body.metadata.namespace ?? this.namespace), writeQuery(options), body, undefined, options);
  }

  async replace<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    body: T,
    options: WriteOptions & { subresource?: 'status' } = {},
  ): Promise<T> {
    const path = resourcePath(type, namespace ?? body.metadata.namespace ?? this.namespace, body.metadata.name, options.subresource);
    return this.json<T>('PUT', path, writeQuery(options), body, undefined, options);
  }

  async patch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType,
    options: PatchOptions = {},
  ): Promise<T> {
    const query: Query = writeQuery(options);
    if (options.force) query['force'] = true;
    const path = resourcePath(type, namespace ?? this.namespace, name, options.subresource);
    return this.json<T>('PATCH', path, query, patch, PATCH_CONTENT_TYPES[patchType], options);
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<void> {
    const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
    if (options.propagationPolicy) body['propagationPolicy'] = options.propagationPolicy;
    if (options.gracePeriodSeconds !== undefined) body['gracePeriodSeconds'] = options.gracePeriodSeconds;
    if (options.preconditions) body['preconditions'] = options.preconditions;
    if (options.dryRun) body['dryRun'] = ['All'];
    await this.json('DELETE', resourcePath(type, namespace ?? this.namespace, name), {}, body, undefined, options);
  }

  async getRaw(path: string, query: RawQuery = {}): Promise<string> {
    const { status, text } = await this.request('GET', path, query, undefined, undefined, {});
    if (status >= 400) throw statusError(status, text, path);
    return text;
  }

  streamRaw(path: string, query: RawQuery, onText: (text: string) => void): WatchHandle {
    const controller = new AbortController();
    const done = this.streamText(path, query, controller.signal, onText);
    return { done, stop: () => controller.abort() };
  }

  watch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    options: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): WatchHandle {
    const controller = new AbortController();
    const query: Query = { watch: true, ...options };
    const done = this.stream(resourcePath(type, namespace), query, controller.signal, (line) => {
      const event = JSON.parse(line) as { type: string; object: unknown };
      if (event.type === 'ERROR') throw watchStatusError(event.object);
      onEvent(event as WatchEvent<T>);
    });
    return { done, stop: () => controller.abort() };
  }

  private async json<T>(method: string, path: string, query: Query, body: unknown, contentType = 'application/json', bounds: RequestOptions = {}): Promise<T> {
    const payload = body === undefined ? undefined : contentType === PATCH_CONTENT_TYPES.apply && typeof body === 'string' ? body : JSON.stringify(body);
    const { status, text } = await this.request(method, path, query, payload, contentType, bounds);
    if (status >= 400) throw statusError(status, text, path);
    return (text ? JSON.parse(text) : {}) as T;
  }

  private async requestOptions(method: string, path: string, query: Query): Promise<https.RequestOptions> {
    const url = new URL(this.base.toString());
    url.pathname = `${this.base.pathname.replace(/\/$/, '')}${path}`;
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const opts: https.RequestOptions = {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers: { Accept: 'application/json', 'User-Agent': this.connection.userAgent ?? 'kubectl-kueue' },
    };
    await this.connection.kubeConfig.applyToHTTPSOptions(opts);
    opts.agent = this.agent;
    const imp = this.connection.impersonate;
    if (imp) {
      const headers = opts.headers as Record<string, string | string[]>;
      if (imp.user) headers['Impersonate-User'] = imp.user;
      if (imp.groups.length > 0) headers['Impersonate-Group'] = imp.groups;
    }
    return opts;
  }

  /**
   * One request and its whole answer, bounded by the request timeout (the client's, or the caller's when shorter)
   * from before authentication to the last byte: a server that accepts the request and never answers, or answers a
   * byte at a time, cannot hold the caller longer than that.
   */
  private async request(
    method: string,
    path: string,
    query: Query,
    payload: string | undefined,
    contentType: string | undefined,
    bounds: RequestOptions,
  ): Promise<{ status: number; text: string }> {
    const timeoutMs = shortest(this.connection.requestTimeoutMs, bounds.timeoutMs);
    const { signal, beforeSend } = bounds;
    const started = Date.now();
    return new Promise((resolve, reject) => {
      let req: http.ClientRequest | undefined;
      let connection: ConnectState | undefined;
      let settled = false;
      const finish = (err: Error | undefined, answer?: { status: number; text: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (err !== undefined) {
          req?.destroy();
          reject(err);
        } else if (answer !== undefined) {
          resolve(answer);
        }
      };
      const timedOut = (ms: number): Error =>
        connection?.connected === true
          ? new KubeRequestTimeoutError(this.connection.server, method, path, ms, formatDuration(ms))
          : this.connectionError(new Error(`no connection within ${formatDuration(ms)}`));
      const timer = timeoutMs !== undefined ? setTimeout(() => finish(timedOut(timeoutMs)), timeoutMs) : undefined;
      const onAbort = () => finish(abortReason(signal));
      if (signal?.aborted) return finish(abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.requestOptions(method, path, query).then((opts) => {
        if (settled) return;
        if (payload !== undefined && contentType) {
          const headers = opts.headers as Record<string, string | number>;
          headers['Content-Type'] = contentType;
          // An explicit length, not chunked encoding: the API server leaves a chunked DELETE body's terminator
          // on a kept-alive connection, and the next request on it then fails with 400 Bad Request.
          headers['Content-Length'] = Buffer.byteLength(payload);
        }
        // The last moment before anything leaves: a fence that says no now means the request is never sent.
        beforeSend?.();
        const sent = this.transport().request(opts, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            this.trace(method, opts, `${res.statusCode ?? 0} ${res.statusMessage ?? ''}`.trim(), started);
            finish(undefined, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', (err) => finish(this.connectionError(err)));
        });
        req = sent;
        connection = this.connectDeadline(sent);
        sent.on('error', (err) => {
          this.observe(method, opts, undefined, started);
          finish(this.connectionError(err));
        });
        sent.end(payload);
      }).catch((err: unknown) => finish(asError(err)));
    });
  }

  /** Reads a newline-delimited JSON stream; resolves when the server ends it. */
  private async stream(path: string, query: Query, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
    let buffered = '';
    return this.streamText(path, query, signal, (chunk) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) onLine(line);
      }
    });
  }

  /** Hands a streamed body to `onText` as it arrives; an exception from `onText` ends the request with it. */
  private async streamText(path: string, query: Query, signal: AbortSignal, onText: (text: string) => void): Promise<void> {
    const opts = await this.requestOptions('GET', path, query);
    opts.signal = signal;
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const req = this.transport().request(opts, (res) => {
        this.trace('GET', opts, `${res.statusCode ?? 0} ${res.statusMessage ?? ''}`.trim(), started);
        if ((res.statusCode ?? 0) >= 400) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => reject(statusError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), path)));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          try {
            onText(chunk);
          } catch (err) {
            req.destroy();
            reject(asError(err));
          }
        });
        res.on('end', () => resolve());
        // A response cut short emits 'aborted' and 'close' without 'end' or 'error' on some Node versions.
        res.on('close', () => (res.complete || signal.aborted ? resolve() : reject(this.connectionError(new Error('the connection closed before the answer ended')))));
        res.on('error', (err) => (signal.aborted ? resolve() : reject(this.connectionError(err))));
      });
      this.connectDeadline(req);
      req.on('error', (err) => (signal.aborted ? resolve() : reject(this.connectionError(err))));
      req.end();
    });
  }

  /** A new connection must be up within the request timeout, or 30 s when none is set (kubectl dials for 30 s). */
  private connectDeadline(req: http.ClientRequest): ConnectState {
    const timeoutMs = Math.min(this.connection.requestTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS);
    return applyConnectDeadline(req, timeoutMs, this.base.protocol === 'https:', () => new Error(`no connection within ${formatDuration(timeoutMs)}`));
  }

  /** kubectl's `-v=6` request lines: method, URL, status and how long it took; and the request observer. */
  private trace(method: string, opts: https.RequestOptions, status: string, started: number): void {
    this.observe(method, opts, Number.parseInt(status, 10) || undefined, started);
    const sink = this.connection.trace;
    if (!sink) return;
    const url = `${String(opts.protocol)}//${String(opts.hostname)}${opts.port ? `:${String(opts.port)}` : ''}${String(opts.path)}`;
    sink(`${method} ${url} ${status} in ${Date.now() - started} milliseconds`);
  }

  /** Tells the connection's observer (metrics) of a request that got an answer, or none (`status` undefined). */
  private observe(method: string, opts: https.RequestOptions, status: number | undefined, started: number): void {
    this.connection.observeRequest?.({ method, path: String(opts.path ?? ''), ...(status !== undefined ? { status } : {}), durationMs: Date.now() - started });
  }

  private transport(): typeof https | typeof http {
    return this.base.protocol === 'https:' ? https : http;
  }

  private connectionError(err: Error): KubeConnectionError {
    return new KubeConnectionError(this.connection.server, err.message);
  }

  /** Frees pooled sockets so a short-lived command can exit at once. */
  close(): void {
    this.agent.destroy();
  }
}

/** The smaller of two optional limits. */
function shortest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('the request was cancelled');
}

function writeQuery(options: WriteOptions): Query {
  const query: Query = {};
  if (options.dryRun) query['dryRun'] = 'All';
  if (options.fieldManager) query['fieldManager'] = options.fieldManager;
  if (options.fieldValidation) query['fieldValidation'] = options.fieldValidation;
  return query;
}
