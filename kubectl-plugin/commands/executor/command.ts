import { type Command, Option } from 'commander';
import { DEFAULT_CONCURRENCY, DEFAULT_LEASE_DURATION_MS, DEFAULT_LEASE_NAME, DEFAULT_MAX_SYSTEM_FAILURES, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RESYNC_MS, DEFAULT_RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF_MS } from '../../../shared/executor/index.js';
import { DEFAULT_IMAGE_PULL_GRACE_PERIOD_MS, DEFAULT_KEEP_ATTEMPT_PODS } from '../../../shared/plugins/pod/index.js';
import { formatDuration } from '../../../shared/kube/index.js';
import { DEFAULT_RETAIN_INTERVAL_MS, DEFAULT_RETAIN_MS } from '../../../shared/runs/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';

export interface ExecutorFlags extends ConnectionOptionValues {
  allNamespaces?: boolean;
  selector?: string;
  concurrency: string;
  resync: string;
  leaseName: string;
  leaseNamespace?: string;
  leaseDuration: string;
  /** Commander turns `--no-leader-election` into `leaderElection: false`. */
  leaderElection: boolean;
  identity?: string;
  maxPods?: string;
  maxPodsPerProject?: string;
  maxSystemFailures: string;
  retryBackoff: string;
  retryBackoffMax: string;
  keepAttemptPods: string;
  imagePullGracePeriod: string;
  logLevel: string;
  output: string;
  untilIdle?: boolean;
  retain: string;
  retainInterval: string;
  healthProbeBindAddress?: string;
  metricsBindAddress?: string;
}

export function registerExecutor(program: Command, io: IOStreams): void {
  const command = program
    .command('executor')
    .description('Execute TaskActions: run each action\'s Pod and record its phases, in the foreground (one line per phase change)')
    .option('-A, --all-namespaces', 'execute the TaskActions of every namespace (a Lease in each: replicas share the namespaces)')
    .option('-l, --selector <selector>', 'execute only the TaskActions matching this label selector, so that executors can split the work by label')
    .option('--concurrency <n>', 'TaskActions reconciled at once (half of them only work under way)', String(DEFAULT_CONCURRENCY))
    .option('--resync <duration>', 'reconcile every unfinished TaskAction at least this often', formatDuration(DEFAULT_RESYNC_MS))
    .option('--lease-name <name>', 'the Lease that makes one executor act per namespace', DEFAULT_LEASE_NAME)
    .option('--lease-namespace <namespace>', 'where the Lease lives (default: the executed namespace); with -A, one Lease there for every namespace')
    .option('--lease-duration <duration>', 'how long a standby waits for a silent leader before taking over', formatDuration(DEFAULT_LEASE_DURATION_MS))
    .option('--no-leader-election', 'act without taking the Lease (only when no other executor runs)')
    .option('--identity <name>', 'this instance\'s name in the Lease (default: host name, pid and a random suffix)')
    .option('--max-pods <n>', 'most Pods running at once per namespace (default: no limit)')
    .option('--max-pods-per-project <n>', 'most Pods running at once per project (default: no limit)')
    .option('--max-system-failures <n>', 'system errors in a row an action survives before it fails', String(DEFAULT_MAX_SYSTEM_FAILURES))
    .option('--retry-backoff <duration>', 'wait before the second attempt of a failed action; doubles with each further attempt (0s: retry at once)', formatDuration(DEFAULT_RETRY_BACKOFF_MS))
    .option('--retry-backoff-max <duration>', 'the longest wait between two attempts', formatDuration(DEFAULT_RETRY_BACKOFF_MAX_MS))
    .option('--keep-attempt-pods <n>', 'keep the Pods (and logs) of this many latest attempts of an action; older ones are deleted', String(DEFAULT_KEEP_ATTEMPT_PODS))
    .option(
      '--image-pull-grace-period <duration>',
      'how long an image may fail to pull before the attempt fails',
      formatDuration(DEFAULT_IMAGE_PULL_GRACE_PERIOD_MS),
    )
    .option('--retain <duration>', 'delete finished runs this long after they ended (0: keep them for ever)', formatDuration(DEFAULT_RETAIN_MS))
    .option('--retain-interval <duration>', 'how often to look for finished runs past --retain (and once on taking the lead)', formatDuration(DEFAULT_RETAIN_INTERVAL_MS))
    .addOption(new Option('--log-level <level>', 'log detail on stderr').choices(['debug', 'info', 'warn', 'error']).default('info'))
    .addOption(new Option('-o, --output <format>', 'phase changes on stdout as text lines or JSON lines').choices(['text', 'json']).default('text'))
    .option('--until-idle', 'exit once every TaskAction is finished: 0, or 1 when an action it ran failed or was aborted')
    .option('--health-probe-bind-address <address>', 'serve /healthz and /readyz here, e.g. :8081 (default: off)')
    .option('--metrics-bind-address <address>', 'serve Prometheus /metrics here, e.g. :8080 (default: off)')
    .action(async (flags: ExecutorFlags) => {
      const { runExecutor } = await import('./run.js');
      await runExecutor(io, flags);
    });
  addConnectionFlags(command, { namespace: true, requestTimeoutDefault: formatDuration(DEFAULT_REQUEST_TIMEOUT_MS) });
  command.addHelpText(
    'after',
    '\nStops cleanly on Ctrl+C or SIGTERM: running reconciles finish and the Lease is released, so a standby takes over at once.\n' +
      'A leader that cannot renew the Lease within its renew deadline (10s, or two thirds of a shorter --lease-duration)\n' +
      'stops acting at once (nothing more is written) and stands by; --request-timeout bounds every API request but watches.\n',
  );
  addExamples(command, program, [
    'executor -n flyte',
    'executor --until-idle',
    'executor -A --concurrency 32 --max-pods-per-project 10',
    'executor -A -l team=ml',
    'executor -n flyte --log-level debug -o json',
    'executor -n flyte --retain 24h',
    'executor -n flyte --retry-backoff 30s --retry-backoff-max 10m --keep-attempt-pods 5',
    'executor -n flyte --health-probe-bind-address :8081 --metrics-bind-address :8080',
  ]);
}
