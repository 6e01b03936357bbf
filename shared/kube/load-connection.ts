import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Cluster, type Context, KubeConfig, type User } from '@kubernetes/client-node';
import { UserError } from '../errors/index.js';
import { type ConnectionFlags } from './connection-flags.js';
import { parseDuration } from './duration.js';

/** Everything needed to talk to one cluster as one user, resolved the way kubectl resolves it. */
export interface Connection {
  kubeConfig: KubeConfig;
  /** The namespace from `-n`, else the context's namespace, else `default`. */
  namespace: string;
  contextName: string;
  server: string;
  impersonate?: { user?: string; groups: string[] };
  requestTimeoutMs?: number;
  /**
   * The User-Agent sent (default `kubectl-kueue`); the API server names the field manager of a write after it, so
   * several processes can be told apart in `managedFields`.
   */
  userAgent?: string;
  /** Receives one line per API request (kubectl's `-v=6`): method, URL, status, time taken. */
  trace?: (line: string) => void;
  /** Receives every API request that ended (for metrics): no `status` when it got no answer. */
  observeRequest?: (request: ObservedRequest) => void;
}

/** One API request as the client saw it. */
export interface ObservedRequest {
  method: string;
  /** The request path with its query, e.g. `/api/v1/namespaces/ns/pods?limit=500`. */
  path: string;
  status?: number;
  durationMs: number;
}

type Env = Record<string, string | undefined>;

/**
 * Loads the kubeconfig like kubectl: `--kubeconfig`, else every file in `$KUBECONFIG` merged so that the
 * first file that sets a value wins (client-node's own merge lets later files win and throws on duplicate
 * names), else `~/.kube/config`, else the in-cluster service account. Then applies the override flags.
 */
export function loadConnection(flags: ConnectionFlags = {}, env: Env = process.env): Connection {
  const kc = new KubeConfig();
  const files = kubeconfigFiles(flags, env);
  if (files.length > 0) {
    mergeFirstWins(kc, files);
  } else if (env['KUBERNETES_SERVICE_HOST']) {
    kc.loadFromCluster();
  } else if (!flags.server) {
    throw new UserError(
      'no kubeconfig found: neither --kubeconfig, $KUBECONFIG nor ~/.kube/config names a cluster',
      {},
      'point --kubeconfig or KUBECONFIG at a kubeconfig file, or run `npm run cluster:up` for a local control plane',
    );
  }
  applyOverrides(kc, flags);
  const contextName = kc.getCurrentContext();
  const context = contextName ? kc.getContextObject(contextName) : null;
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new UserError(
      contextName ? `context "${contextName}" does not name a cluster that exists in the kubeconfig` : 'the kubeconfig has no current context',
      {},
      'choose a context with --context, or set one with `kubectl config use-context NAME`',
    );
  }
  const connection: Connection = {
    kubeConfig: kc,
    namespace: flags.namespace || context?.namespace || 'default',
    contextName,
    server: cluster.server,
  };
  if (flags.as || (flags.asGroup && flags.asGroup.length > 0)) {
    connection.impersonate = { user: flags.as, groups: flags.asGroup ?? [] };
  }
  if (flags.requestTimeout && flags.requestTimeout !== '0') {
    connection.requestTimeoutMs = parseDuration(flags.requestTimeout, '--request-timeout');
  }
  if (flags.trace) connection.trace = flags.trace;
  return connection;
}

function kubeconfigFiles(flags: ConnectionFlags, env: Env): string[] {
  if (flags.kubeconfig) {
    if (!existsSync(flags.kubeconfig)) {
      throw new UserError(`kubeconfig file "${flags.kubeconfig}" does not exist`, { file: flags.kubeconfig });
    }
    return [flags.kubeconfig];
  }
  const fromEnv = (env['KUBECONFIG'] ?? '').split(path.delimiter).filter((f) => f !== '');
  if (fromEnv.length > 0) {
    // Like kubectl, files of the list that do not exist are skipped; when none exists, that is the problem to name.
    const existing = fromEnv.filter((f) => existsSync(f));
    if (existing.length === 0) {
      const names = fromEnv.map((f) => `"${f}"`).join(', ');
      throw new UserError(
        `KUBECONFIG names ${names}, which ${fromEnv.length === 1 ? 'does' : 'do'} not exist`,
        {},
        'point KUBECONFIG (or --kubeconfig) at an existing kubeconfig file',
      );
    }
    return existing;
  }
  const home = env['HOME'] ?? os.homedir();
  const fallback = path.join(home, '.kube', 'config');
  return existsSync(fallback) ? [fallback] : [];
}

function mergeFirstWins(kc: KubeConfig, files: string[]): void {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (err) {
      throw new UserError(`cannot read kubeconfig: ${(err as Error).message}`, { file });
    }
    for (const c of one.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && one.currentContext) currentContext = one.currentContext;
  }
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
}

function applyOverrides(kc: KubeConfig, flags: ConnectionFlags): void {
  if (flags.context) {
    if (!kc.getContextObject(flags.context)) {
      throw new UserError(`context "${flags.context}" not found in the kubeconfig`, {}, 'list contexts with `kubectl config get-contexts`');
    }
    kc.setCurrentContext(flags.context);
  }
  const needsOverride =
    flags.cluster || flags.user || flags.server || flags.token || flags.insecureSkipTlsVerify ||
    flags.certificateAuthority || flags.clientCertificate || flags.clientKey;
  if (!needsOverride) return;

  const current = kc.getCurrentContext() ? kc.getContextObject(kc.getCurrentContext()) : null;
  const clusterName = flags.cluster ?? current?.cluster ?? 'kueue-flags';
  const userName = flags.user ?? current?.user ?? 'kueue-flags';
  const baseCluster = kc.clusters.find((c) => c.name === clusterName);
  const baseUser = kc.users.find((u) => u.name === userName);
  if (flags.cluster && !baseCluster && !flags.server) {
    throw new UserError(`cluster "${flags.cluster}" not found in the kubeconfig`);
  }
  if (flags.user && !baseUser && !flags.token && !flags.clientCertificate) {
    throw new UserError(`user "${flags.user}" not found in the kubeconfig`);
  }
  const cluster: Cluster = {
    ...(baseCluster ?? { name: clusterName, server: '', skipTLSVerify: false }),
    name: clusterName,
    ...(flags.server ? { server: flags.server } : {}),
    ...(flags.insecureSkipTlsVerify ? { skipTLSVerify: true } : {}),
    ...(flags.certificateAuthority ? { caFile: flags.certificateAuthority, caData: undefined } : {}),
  };
  const user: User = flags.token
    ? { name: userName, token: flags.token }
    : {
        ...(baseUser ?? { name: userName }),
        name: userName,
        ...(flags.clientCertificate ? { certFile: flags.clientCertificate, certData: undefined } : {}),
        ...(flags.clientKey ? { keyFile: flags.clientKey, keyData: undefined } : {}),
      };
  const context: Context = { name: 'kueue-flags', cluster: clusterName, user: userName, namespace: current?.namespace };
  kc.loadFromOptions({
    clusters: [...kc.clusters.filter((c) => c.name !== clusterName), cluster],
    users: [...kc.users.filter((u) => u.name !== userName), user],
    contexts: [...kc.contexts.filter((c) => c.name !== context.name), context],
    currentContext: context.name,
  });
}
