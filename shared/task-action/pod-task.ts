import { create, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { K8sObjectMetadataSchema, K8sPodSchema, type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { UserError } from '../errors/index.js';
import { podSpecWithCompleteResources } from './pod-resources.js';
import { isSequentialPodSpec, sequentialPodSpec } from './sequential-pod.js';
import { type TaskTemplateOptions, baseTaskTemplate } from './task-template-options.js';

/**
 * Flyte's task type for a whole Pod; with `task_type_version` 2 its pod plugin reads the pod spec from
 * `TaskTemplate.k8s_pod` (versions 0 and 1 read the legacy `custom` field instead). `pod` is also accepted.
 */
export const POD_TASK_TYPE = 'sidecar';
export const POD_TASK_TYPE_VERSION = 2;

/** Template `config` key naming the container whose end ends the task; Flyte's pod plugin requires it. */
export const PRIMARY_CONTAINER_CONFIG_KEY = 'primary_container_name';

/**
 * Template `config` key saying the Pod's containers run one after the other (value `"true"`). Templates written
 * now hold the converted pod spec as well, since Flyte's executor ignores unknown config keys; for older templates
 * with only this key, our executor converts the Pod before creating it.
 */
export const SEQUENTIAL_CONFIG_KEY = 'kueue.dev/sequential';

export interface PodTaskOptions extends TaskTemplateOptions {
  /** A Kubernetes PodSpec as a plain object (`containers` required); only its JSON form is kept. */
  podSpec: object;
  /** Defaults to the only container's name (the last step's when sequential); required when there are several. */
  primaryContainerName?: string;
  /** Labels and annotations Flyte puts on the Pod. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /**
   * Run the containers sequentially: the pod spec is converted here (see `sequentialPodSpec`) and the template
   * flagged (`SEQUENTIAL_CONFIG_KEY`). Defaults to whether `config` has that flag or the spec was converted already.
   */
  sequential?: boolean;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function containerNames(podSpec: JsonObject): string[] {
  const containers = podSpec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    throw new UserError(
      'the pod spec has no containers',
      { field: 'podSpec.containers' },
      'give at least one container with a name and an image',
    );
  }
  return containers.map((container, index) => {
    if (!isObject(container) || typeof container.name !== 'string' || container.name === '') {
      throw new UserError(`container ${index + 1} of the pod spec has no name`, {
        field: `podSpec.containers[${index}].name`,
      });
    }
    return container.name;
  });
}

/**
 * A task that runs a whole Pod (`TaskTemplate.k8s_pod`). The primary container is named both in `config` (where
 * Flyte's pod plugin reads it) and in `K8sPod.primary_container_name` (where pod template overrides read it). Every
 * request gets a limit (`podSpecWithCompleteResources`), so Flyte's executor can create the Pod.
 */
export function podTaskTemplate(options: PodTaskOptions): TaskTemplate {
  // A Struct holds only JSON; a round trip drops `undefined` members a caller's object may carry.
  const given = JSON.parse(JSON.stringify(options.podSpec)) as JsonObject;
  const names = containerNames(given);
  const sequential = options.sequential ?? (options.config?.[SEQUENTIAL_CONFIG_KEY] === 'true' || isSequentialPodSpec(given));
  const { podSpec: converted, annotations } = sequential
    ? sequentialPodSpec(given, { ...options.annotations })
    : { podSpec: given, annotations: { ...options.annotations } };
  const podSpec = podSpecWithCompleteResources(converted);
  let primary = options.primaryContainerName;
  const lastStep = names.at(-1);
  if (sequential && primary !== undefined && primary !== lastStep) {
    // Flyte's executor ends the task when the primary container ends, so an earlier step would end it too soon.
    throw new UserError(
      `the primary container of a sequential pod is its last step ${JSON.stringify(lastStep)}, not ${JSON.stringify(primary)}`,
      { field: 'primaryContainerName' },
      'leave the primary container out, or move it to the end of the containers',
    );
  }
  if (sequential) primary = lastStep;
  if (primary === undefined) {
    if (names.length > 1) {
      throw new UserError(
        `the pod has ${names.length} containers, so the primary container must be named`,
        { field: 'primaryContainerName' },
        `name one of: ${names.join(', ')}`,
      );
    }
    primary = names[0] ?? '';
  } else if (!names.includes(primary)) {
    throw new UserError(
      `the primary container ${JSON.stringify(primary)} is not a container of the pod`,
      { field: 'primaryContainerName' },
      `name one of: ${names.join(', ')}`,
    );
  }

  const template = baseTaskTemplate(options, POD_TASK_TYPE);
  template.taskTypeVersion = POD_TASK_TYPE_VERSION;
  template.config[PRIMARY_CONTAINER_CONFIG_KEY] = primary;
  if (sequential) template.config[SEQUENTIAL_CONFIG_KEY] = 'true';
  else delete template.config[SEQUENTIAL_CONFIG_KEY];
  template.target = {
    case: 'k8sPod',
    value: create(K8sPodSchema, {
      podSpec,
      primaryContainerName: primary,
      metadata: create(K8sObjectMetadataSchema, {
        labels: { ...options.labels },
        annotations,
      }),
    }),
  };
  return template;
}
