import { type ContainerStatus, type Pod } from '../kube/index.js';

/**
 * Where a container is, for reading its log: `waiting` (no log yet), `running` (the log grows), `ended` (the log is
 * complete), `never-ran` (the Pod ended before the container started, e.g. after a failed init container: there is
 * no log to read), `gone` (the Pod was deleted).
 */
export type ContainerLogState = 'waiting' | 'running' | 'ended' | 'never-ran' | 'gone';

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === container);
}

export function containerLogState(pod: Pod | undefined, container: string): ContainerLogState {
  if (pod === undefined) return 'gone';
  const state = statusOf(pod, container)?.state;
  const podEnded = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (state?.terminated !== undefined) return 'ended';
  if (state?.running !== undefined) return podEnded ? 'ended' : 'running';
  return podEnded ? 'never-ran' : 'waiting';
}
