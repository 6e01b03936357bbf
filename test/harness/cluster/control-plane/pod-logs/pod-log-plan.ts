import { parseDuration } from '../../../../../shared/kube/duration.js';
import { type Pod } from '../../../../../shared/kube/pod.js';

/** The log text of every container of the Pod, one line per `\n`; `{pod}` and `{container}` are filled in. */
export const LOGS_ANNOTATION = 'kueue.test/logs';
/** `kueue.test/logs.<container>`: the text of that container only (takes precedence over `kueue.test/logs`). */
export const CONTAINER_LOGS_ANNOTATION_PREFIX = `${LOGS_ANNOTATION}.`;
/** Write one line per interval (a Go duration) instead of all at once, for tests that follow a log. */
export const LOG_INTERVAL_ANNOTATION = 'kueue.test/log-interval';

export interface ContainerLogPlan {
  container: string;
  lines: string[];
}

export interface PodLogPlan {
  containers: ContainerLogPlan[];
  intervalMs: number;
}

function linesOf(text: string, pod: string, container: string): string[] {
  const filled = text.replaceAll('{pod}', pod).replaceAll('{container}', container);
  const lines = filled.split('\n');
  // "a\nb\n" is two lines, as a program printing them would have written.
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * What the harness writes as the Pod's container logs, or undefined when no annotation asks for logs (such Pods get
 * no kwok Logs object, as before). Every container, init containers too, gets a log file, empty unless an
 * annotation gives it text, so any container's log can be read once one is asked for.
 */
export function podLogPlan(pod: Pod): PodLogPlan | undefined {
  const annotations = pod.metadata.annotations ?? {};
  const asked = Object.keys(annotations).some((key) => key === LOGS_ANNOTATION || key.startsWith(CONTAINER_LOGS_ANNOTATION_PREFIX));
  if (!asked) return undefined;
  const podName = pod.metadata.name ?? '';
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const containers = names.map((container) => {
    const text = annotations[`${CONTAINER_LOGS_ANNOTATION_PREFIX}${container}`] ?? annotations[LOGS_ANNOTATION] ?? '';
    return { container, lines: linesOf(text, podName, container) };
  });
  const interval = annotations[LOG_INTERVAL_ANNOTATION];
  return { containers, intervalMs: interval === undefined ? 0 : parseDuration(interval, `annotation ${LOG_INTERVAL_ANNOTATION}`) };
}
