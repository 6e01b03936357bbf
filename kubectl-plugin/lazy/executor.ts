import { UserError } from '../../shared/errors/user-error.js';
import { Executor } from '../../shared/executor/executor.js';
import { type ExecutorLogger, type LogLevel, isLogLevel, levelEnabled } from '../../shared/executor/executor-logger.js';
import { formatTransition } from '../../shared/executor/transition-line.js';
import { parseDuration } from '../../shared/kube/duration.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { type ExecutorCommandOptions } from '../commands/executor.js';
import { connectionFlags } from '../connection-options.js';

function positiveInteger(value: string | undefined, flag: string, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new UserError(`${flag} must be a whole number of at least ${allowZero ? 0 : 1}, not "${value}"`);
  }
  return n;
}

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** logfmt lines on stderr (`time=... level=info msg="..." key=value`), filtered by level. */
function stderrLogger(threshold: LogLevel): ExecutorLogger {
  const line = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (!levelEnabled(level, threshold)) return;
    const parts = [`time=${new Date().toISOString()}`, `level=${level}`, `msg=${logfmtValue(message)}`];
    for (const [key, value] of Object.entries(fields ?? {})) if (value !== undefined) parts.push(`${key}=${logfmtValue(value)}`);
    process.stderr.write(`${parts.join(' ')}\n`);
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

function durationFlag(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : parseDuration(value, flag);
}

export async function runExecutor(options: ExecutorCommandOptions): Promise<void> {
  if (options.allNamespaces && options.namespace !== undefined) {
    throw new UserError('-A/--all-namespaces and -n/--namespace cannot be combined', {}, 'give one of them');
  }
  const logLevel = options.logLevel ?? 'info';
  if (!isLogLevel(logLevel)) throw new UserError(`--log-level must be one of debug|info|warn|error, got "${logLevel}"`);
  const concurrency = positiveInteger(options.concurrency, '--concurrency');
  const resyncMs = durationFlag(options.resync, '--resync');
  if (resyncMs !== undefined && resyncMs < 1000) throw new UserError('--resync must be at least 1s');
  const leaseDurationMs = durationFlag(options.leaseDuration, '--lease-duration');
  if (leaseDurationMs !== undefined && leaseDurationMs < 2000) throw new UserError('--lease-duration must be at least 2s');
  const maxPods = positiveInteger(options.maxPods, '--max-pods');
  const maxPodsPerProject = positiveInteger(options.maxPodsPerProject, '--max-pods-per-project');
  const maxSystemFailures = positiveInteger(options.maxSystemFailures, '--max-system-failures', true);
  const imagePullGracePeriodMs = durationFlag(options.imagePullGracePeriod, '--image-pull-grace-period');

  const connection = loadConnection(connectionFlags(options));
  const namespace = options.allNamespaces ? undefined : connection.namespace;
  const client = new HttpKubeClient(connection);
  const logger = stderrLogger(logLevel);
  const json = options.output === 'json';
  const executor = new Executor({
    client,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(resyncMs !== undefined ? { resyncMs } : {}),
    leaderElection: options.leaderElection !== false,
    ...(options.leaseName !== undefined ? { leaseName: options.leaseName } : {}),
    leaseNamespace: options.leaseNamespace ?? connection.namespace,
    ...(leaseDurationMs !== undefined ? { leaseDurationMs } : {}),
    // In a Deployment the Pod name is the host name: a replacement Pod is a new identity, as it should be.
    ...(options.identity !== undefined ? { identity: options.identity } : {}),
    plugins: podPluginEntries({
      ...(maxPods !== undefined ? { maxPods } : {}),
      ...(maxPodsPerProject !== undefined ? { maxPodsPerProject } : {}),
      ...(imagePullGracePeriodMs !== undefined ? { imagePullGracePeriodMs } : {}),
    }),
    ...(maxSystemFailures !== undefined ? { maxSystemFailures } : {}),
    logger,
    onTransition: (event) => {
      process.stdout.write(json ? `${JSON.stringify(event)}\n` : `${formatTransition(event)}\n`);
    },
    onLeadershipChange: (leading) => {
      if (!leading && !stopping) logger.warn('stopped acting: the lease could not be renewed; standing by');
    },
  });

  let stopping = false;
  let stopRequested: (signal: string) => void = () => {};
  const interrupted = new Promise<string>((resolve) => (stopRequested = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (signal === 'SIGINT' && process.stderr.isTTY) process.stderr.write('\n');
    stopRequested(signal);
    // A second signal means "now": leave without waiting for reconciles or the lease release.
    process.once(signal, () => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    logger.info('starting', { namespace: namespace ?? '(all)', identity: executor.identity, server: connection.server });
    await Promise.race([executor.start(), interrupted]);
    const reason = await Promise.race([interrupted, ...(options.untilIdle ? [executor.idle().then(() => 'idle')] : [])]);
    if (reason === 'idle') {
      const { actions } = executor.stats();
      logger.info('every TaskAction is finished', { succeeded: actions.succeeded, failed: actions.failed });
    } else {
      logger.info('stopping', { signal: reason });
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopping = true;
    await executor.stop();
    client.close();
  }
}
