import { type JsonObject } from '@bufbuild/protobuf';
import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type InputLocation } from '../errors/index.js';
import { type EnvVar } from './container-task.js';
import { PRIMARY_CONTAINER_CONFIG_KEY, SEQUENTIAL_CONFIG_KEY } from './pod-task.js';
import { type ResourceRequirements, fromFlyteResources } from './resource-requirements.js';
import { base64ToBytes, decodeTaskTemplate } from './task-template-codec.js';
import { MAX_RETRIES, type TaskIdentity } from './task-template-options.js';

export interface ContainerTarget {
  kind: 'container';
  image: string;
  command: string[];
  args: string[];
  env: EnvVar[];
  resources: Required<ResourceRequirements>;
}

export interface PodTarget {
  kind: 'pod';
  podSpec: JsonObject;
  /** From `config` as Flyte's pod plugin reads it, else from `K8sPod.primary_container_name`; empty if neither. */
  primaryContainerName: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface SqlTarget {
  kind: 'sql';
  statement: string;
}

export interface NoTarget {
  kind: 'none';
}

/** What a task template asks for, in plain values (no protobuf types), for printing and for plugins. */
export interface TaskTemplateView {
  taskType: string;
  taskTypeVersion: number;
  id?: TaskIdentity;
  /** Retries after the first attempt. */
  retries: number;
  /** Attempts in all (retries + 1), as Flyte's executor counts them. */
  maxAttempts: number;
  timeoutSeconds?: number;
  interruptible?: boolean;
  discoverable: boolean;
  discoveryVersion: string;
  tags: Record<string, string>;
  serviceAccount?: string;
  config: Record<string, string>;
  /** The template asks for its Pod's containers to run one after the other. */
  sequential: boolean;
  target: ContainerTarget | PodTarget | SqlTarget | NoTarget;
}

function targetOf(template: TaskTemplate): TaskTemplateView['target'] {
  const target = template.target;
  switch (target.case) {
    case 'container':
      return {
        kind: 'container',
        image: target.value.image,
        command: [...target.value.command],
        args: [...target.value.args],
        env: target.value.env.map(({ key, value }) => ({ name: key, value })),
        resources: fromFlyteResources(target.value.resources),
      };
    case 'k8sPod':
      return {
        kind: 'pod',
        podSpec: target.value.podSpec ?? {},
        primaryContainerName: template.config[PRIMARY_CONTAINER_CONFIG_KEY] ?? target.value.primaryContainerName,
        labels: { ...target.value.metadata?.labels },
        annotations: { ...target.value.metadata?.annotations },
      };
    case 'sql':
      return { kind: 'sql', statement: target.value.statement };
    default:
      return { kind: 'none' };
  }
}

export function viewTaskTemplate(template: TaskTemplate): TaskTemplateView {
  const metadata = template.metadata;
  const retries = metadata?.retries?.retries ?? 0;
  const view: TaskTemplateView = {
    taskType: template.type,
    taskTypeVersion: template.taskTypeVersion,
    retries,
    // A template written by another client may ask for more than enqueue accepts: the executor caps it too.
    maxAttempts: Math.min(retries, MAX_RETRIES) + 1,
    discoverable: metadata?.discoverable ?? false,
    discoveryVersion: metadata?.discoveryVersion ?? '',
    tags: { ...metadata?.tags },
    config: { ...template.config },
    sequential: template.config[SEQUENTIAL_CONFIG_KEY] === 'true',
    target: targetOf(template),
  };
  if (template.id !== undefined) {
    const { org, project, domain, name, version } = template.id;
    view.id = { org, project, domain, name, version };
  }
  if (metadata?.timeout !== undefined) {
    view.timeoutSeconds = Number(metadata.timeout.seconds) + metadata.timeout.nanos / 1e9;
  }
  if (metadata?.interruptibleValue.case === 'interruptible') view.interruptible = metadata.interruptibleValue.value;
  const serviceAccount = template.securityContext?.runAs?.k8sServiceAccount;
  if (serviceAccount) view.serviceAccount = serviceAccount;
  return view;
}

/** The view of `spec.taskTemplate` (base64), with a `UserError` on bytes that are not a template. */
export function viewTaskTemplateBase64(text: string, location?: InputLocation): TaskTemplateView {
  const bytes = base64ToBytes(text, location);
  return viewTaskTemplate(decodeTaskTemplate(bytes, location));
}
