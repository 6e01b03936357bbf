import { type ContainerStatus, type Pod } from '../kube/index.js';
import { OLD_ATTEMPT_POD_DELETED, podAttempt } from '../logs/index.js';
import { type AttemptDetails } from './action-details.js';

/** The container whose end decided the Pod's: the first that failed, else the last one to end. */
function decidingContainer(pod: Pod): ContainerStatus | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const ended = statuses.filter((s) => s.state?.terminated !== undefined);
  return ended.find((s) => (s.state?.terminated?.exitCode ?? 0) !== 0) ?? ended.at(-1);
}

export function attemptDetails(pod: Pod): AttemptDetails {
  const details: AttemptDetails = { attempt: podAttempt(pod), pod: pod.metadata.name ?? '', phase: pod.status?.phase ?? 'Unknown' };
  const deciding = decidingContainer(pod);
  const terminated = deciding?.state?.terminated;
  if (deciding !== undefined && terminated !== undefined) {
    details.container = deciding.name;
    details.exitCode = terminated.exitCode;
    if (terminated.reason !== undefined) details.reason = terminated.reason;
    if (terminated.startedAt !== undefined) details.startedAt = terminated.startedAt;
    if (terminated.finishedAt !== undefined) details.finishedAt = terminated.finishedAt;
  } else if (pod.status?.startTime !== undefined) {
    details.startedAt = pod.status.startTime;
  }
  return details;
}

/** An attempt the action made whose Pod the executor deleted, keeping only the latest attempts' Pods. */
export function deletedAttemptDetails(attempt: number): AttemptDetails {
  return { attempt, pod: '', phase: 'Deleted', reason: OLD_ATTEMPT_POD_DELETED };
}
