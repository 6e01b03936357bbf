import { type KubeClient, type Pod } from '../../../shared/kube/index.js';
import { attemptPods, type ContainerChoice, followActionLogs, podAttempt, podSteps } from '../../../shared/logs/index.js';
import { listActionPods } from '../../../shared/plugins/pod/index.js';
import { type TaskAction } from '../../../shared/task-action/index.js';

/** What the quick picks offer: the attempts whose Pods exist, and the newest Pod's containers or steps. */
export interface LogChoices {
  attempts: { attempt: number; pod: string; phase: string }[];
  /** A sequential Pod's steps in order (undefined for other Pods). */
  steps?: string[];
  containers: string[];
}

function containers(pod: Pod | undefined): string[] {
  return [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])].map((c) => c.name);
}

export async function logChoices(client: KubeClient, action: TaskAction): Promise<LogChoices> {
  const pods = attemptPods(action, await listActionPods(client, action));
  const newest = pods.at(-1);
  const steps = newest !== undefined ? podSteps(newest) : undefined;
  return {
    attempts: pods.map((pod) => ({ attempt: podAttempt(pod), pod: pod.metadata.name ?? '', phase: pod.status?.phase ?? 'Unknown' })),
    ...(steps !== undefined ? { steps } : {}),
    containers: containers(newest),
  };
}

export interface LogSink {
  append(text: string): void;
}

/**
 * Follows an action's logs (the core's `logs -f`) into a sink, one `[attempt N container] text` line each, with the
 * follower's notices (next attempt, waiting for a Pod) as `# ...` lines, until the action ends or `signal` aborts.
 */
export async function followLogsInto(
  client: KubeClient,
  action: TaskAction,
  options: { from: number | 'latest'; choice: ContainerChoice; signal: AbortSignal },
  sink: LogSink,
): Promise<void> {
  await followActionLogs(client, action, { from: options.from, choice: options.choice, window: {}, signal: options.signal }, {
    line: (line) => sink.append(`[attempt ${line.attempt} ${line.container}] ${line.text}\n`),
    notice: (text) => sink.append(`# ${text}\n`),
  });
}
