import { UserError } from '../../../shared/errors/index.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, Executor, formatTransition, isLogLevel, type LogLevel, type Urgency } from '../../../shared/executor/index.js';
import { formatDuration, HttpKubeClient, loadConnection, parseDuration, parseLabelSelector } from '../../../shared/kube/index.js';
import { conditionPluginEntries } from '../../../shared/plugins/condition/index.js';
import { podPluginEntries } from '../../../shared/plugins/pod/index.js';
import { nextInterrupt, onInterrupt } from '../../cli/interrupt.js';
import { type IOStreams, isTerminal } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseDurationFlag } from '../../flags/duration-flag.js';
import { parseOptionalWholeNumber, parseWholeNumber } from '../../flags/whole-number.js';
import { SilentExit } from '../../cli/silent-exit.js';
import { parseBindAddress, startProbeServer, type ProbeEndpoint, type ProbeServer } from '../../cli/probe-server.js';
import { ActionOutcomes } from './action-outcomes.js';
import { ExecutorMetrics } from './executor-metrics.js';
import { type ExecutorFlags } from './command.js';
import { logfmtLogger } from './logfmt-logger.js';

/** The engine's settings from the flags, each parsed and checked. */
interface ExecutorRunOptions {
  concurrency: number;
  resyncMs: number;
  leaseDurationMs: number;
  requestTimeoutMs: number;
  maxPods: number | undefined;
  maxPodsPerProject: number | undefined;
  maxSystemFailures: number;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
  keepAttemptPods: number;
  imagePullGracePeriodMs: number;
  logLevel: LogLevel;
  retainMs: number;
  retainIntervalMs: number;
  /** Only the TaskActions matching it. */
  labelSelector?: string;
}

/** Exit code of --until-idle when an action it ran failed or was aborted. */
const EXIT_UNSUCCESSFUL = 1;

/** Exit code after a second Ctrl+C: the shell's code for death by SIGINT. */
const EXIT_INTERRUPTED = 130;

export async function runExecutor(io: IOStreams, flags: ExecutorFlags): Promise<void> {
  validate(flags);
  const options = complete(flags);
  const connection = loadConnection(connectionFlags(flags, io.err));
  // Created before the executor so the API client reports to it from the first request; it reads the executor's
  // stats only when scraped.
  let statsOf = (): ReturnType<Executor['stats']> | undefined => undefined;
  const metrics = flags.metricsBindAddress !== undefined ? new ExecutorMetrics(() => statsOf() ?? NO_STATS) : undefined;
  if (metrics) connection.observeRequest = (request) => metrics.request(request);
  const namespace = flags.allNamespaces ? undefined : connection.namespace;
  const client = new HttpKubeClient(connection);
  const logger = logfmtLogger(io.err, options.logLevel);
  let stopping = false;
  const outcomes = new ActionOutcomes();
  const executor = new Executor({
    client,
    ...(namespace !== undefined ? { namespace } : {}),
    concurrency: options.concurrency,
    resyncMs: options.resyncMs,
    leaderElection: flags.leaderElection,
    leaseName: flags.leaseName,
    // Every namespace without --lease-namespace: a Lease in each namespace, replicas registered in ours.
    ...(flags.leaseNamespace !== undefined ? { leaseNamespace: flags.leaseNamespace } : {}),
    memberNamespace: connection.namespace,
    ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
    leaseDurationMs: options.leaseDurationMs,
    requestTimeoutMs: options.requestTimeoutMs,
    // In a Deployment the Pod name is the host name: a replacement Pod is a new identity, as it should be.
    ...(flags.identity !== undefined ? { identity: flags.identity } : {}),
    plugins: [
      ...podPluginEntries({
        ...(options.maxPods !== undefined ? { maxPods: options.maxPods } : {}),
        ...(options.maxPodsPerProject !== undefined ? { maxPodsPerProject: options.maxPodsPerProject } : {}),
        imagePullGracePeriodMs: options.imagePullGracePeriodMs,
        keepAttemptPods: options.keepAttemptPods,
      }),
      ...conditionPluginEntries(),
    ],
    maxSystemFailures: options.maxSystemFailures,
    retryBackoffMs: options.retryBackoffMs,
    retryBackoffMaxMs: options.retryBackoffMaxMs,
    retainMs: options.retainMs,
    retainIntervalMs: options.retainIntervalMs,
    logger,
    ...(metrics ? { onReconciled: (ms: number, failed: boolean) => metrics.reconciled(ms, failed), onQueueWait: (ms: number, urgency: Urgency) => metrics.queueWaited(ms, urgency) } : {}),
    onTransition: (event) => {
      metrics?.transition(event);
      outcomes.record(event);
      io.out.write(flags.output === 'json' ? `${JSON.stringify(event)}\n` : `${formatTransition(event)}\n`);
    },
    onLeadershipChange: (leading) => {
      metrics?.leadershipChanged();
      if (!leading && !stopping) logger.warn('stopped acting: no Lease is held any more; standing by');
    },
  });

  statsOf = () => executor.stats();
  const probes = await startProbes(flags, executor, metrics, () => stopping);
  for (const address of probes?.addresses ?? []) logger.info('serving probes', { address });

  const interrupt = nextInterrupt();
  let cancelLeaveNow = (): void => {};
  const interrupted = interrupt.received.then((signal) => {
    if (signal === 'SIGINT' && isTerminal(io.err)) io.err.write('\n');
    // A second signal means "now": leave without waiting for reconciles or the lease release.
    cancelLeaveNow = onInterrupt(() => process.exit(EXIT_INTERRUPTED));
    return signal;
  });
  let unsuccessful: string[] = [];
  try {
    logger.info('starting', { namespace: namespace ?? '(all)', identity: executor.identity, server: connection.server });
    await Promise.race([executor.start(), interrupted]);
    const reason = await Promise.race([interrupted, ...(flags.untilIdle ? [executor.idle().then(() => 'idle')] : [])]);
    if (reason === 'idle') {
      const { actions } = executor.stats();
      logger.info('every TaskAction is finished', { succeeded: actions.succeeded, failed: actions.failed });
      unsuccessful = outcomes.summary();
    } else {
      logger.info('stopping', { signal: reason });
    }
  } finally {
    interrupt.cancel();
    stopping = true;
    await executor.stop();
    await probes?.close();
    cancelLeaveNow();
    client.close();
  }
  // After the executor stopped, so this is the last thing said: what a script running --until-idle must know.
  if (unsuccessful.length > 0) {
    for (const line of unsuccessful) io.err.write(`${line}\n`);
    throw new SilentExit(EXIT_UNSUCCESSFUL);
  }
}

const NO_STATS: ReturnType<Executor['stats']> = {
  leader: false,
  synced: false,
  actions: { total: 0, queued: 0, running: 0, succeeded: 0, failed: 0, deleting: 0 },
  work: { waiting: 0, inFlight: 0, scheduled: 0 },
};

/**
 * /healthz and /readyz (ready once the first list of TaskActions arrived, until stopping: a standby is ready too,
 * it answers and can take over) and /metrics, where the flags ask for them.
 */
async function startProbes(flags: ExecutorFlags, executor: Executor, metrics: ExecutorMetrics | undefined, stopping: () => boolean): Promise<ProbeServer | undefined> {
  const endpoints: ProbeEndpoint[] = [];
  if (flags.healthProbeBindAddress !== undefined) endpoints.push({ address: flags.healthProbeBindAddress, health: true, metrics: false });
  if (flags.metricsBindAddress !== undefined) endpoints.push({ address: flags.metricsBindAddress, health: false, metrics: true });
  if (endpoints.length === 0) return undefined;
  return startProbeServer(endpoints, {
    notReadyReason: () => (stopping() ? 'stopping' : executor.stats().synced ? undefined : 'the TaskActions have not been listed yet'),
    ...(metrics ? { metrics: () => metrics.render() } : {}),
  });
}

function validate(flags: ExecutorFlags): void {
  for (const address of [flags.healthProbeBindAddress, flags.metricsBindAddress]) if (address !== undefined) parseBindAddress(address);
  if (flags.allNamespaces && flags.namespace !== undefined) {
    throw new UserError('-A/--all-namespaces and -n/--namespace cannot be combined', {}, 'give one of them');
  }
}

/** kubectl's `0` (no limit) is refused: an executor waiting for ever on one request would never step down. */
function parseRequestTimeout(text: string | undefined): number {
  const ms = parseDuration(text ?? formatDuration(DEFAULT_REQUEST_TIMEOUT_MS), '--request-timeout');
  if (ms === 0) {
    throw new UserError('--request-timeout cannot be 0 for the executor', {}, `give a limit, e.g. --request-timeout=${formatDuration(DEFAULT_REQUEST_TIMEOUT_MS)} (the default)`);
  }
  if (ms < 1000) throw new UserError('--request-timeout must be at least 1s for the executor');
  return ms;
}

function complete(flags: ExecutorFlags): ExecutorRunOptions {
  if (!isLogLevel(flags.logLevel)) throw new UserError(`--log-level must be one of debug|info|warn|error, got "${flags.logLevel}"`);
  return {
    logLevel: flags.logLevel,
    ...(flags.selector !== undefined ? { labelSelector: parseLabelSelector(flags.selector).text } : {}),
    concurrency: parseWholeNumber(flags.concurrency, '--concurrency', { min: 1 }),
    resyncMs: parseDurationFlag(flags.resync, '--resync', { minMs: 1000 }),
    leaseDurationMs: parseDurationFlag(flags.leaseDuration, '--lease-duration', { minMs: 2000 }),
    requestTimeoutMs: parseRequestTimeout(flags.requestTimeout),
    maxPods: parseOptionalWholeNumber(flags.maxPods, '--max-pods', { min: 1 }),
    maxPodsPerProject: parseOptionalWholeNumber(flags.maxPodsPerProject, '--max-pods-per-project', { min: 1 }),
    maxSystemFailures: parseWholeNumber(flags.maxSystemFailures, '--max-system-failures'),
    ...retryBackoff(flags),
    keepAttemptPods: parseWholeNumber(flags.keepAttemptPods, '--keep-attempt-pods', { min: 1 }),
    imagePullGracePeriodMs: parseDurationFlag(flags.imagePullGracePeriod, '--image-pull-grace-period'),
    retainMs: parseDurationFlag(flags.retain, '--retain'),
    retainIntervalMs: parseDurationFlag(flags.retainInterval, '--retain-interval', { minMs: 1000 }),
  };
}

function retryBackoff(flags: ExecutorFlags): Pick<ExecutorRunOptions, 'retryBackoffMs' | 'retryBackoffMaxMs'> {
  const retryBackoffMs = parseDurationFlag(flags.retryBackoff, '--retry-backoff');
  const retryBackoffMaxMs = parseDurationFlag(flags.retryBackoffMax, '--retry-backoff-max');
  if (retryBackoffMaxMs < retryBackoffMs) {
    throw new UserError(`--retry-backoff-max (${flags.retryBackoffMax}) is shorter than --retry-backoff (${flags.retryBackoff})`, { field: '--retry-backoff-max' }, 'give a maximum at least as long as the first wait');
  }
  return { retryBackoffMs, retryBackoffMaxMs };
}
