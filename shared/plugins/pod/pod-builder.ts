import { convertPod, SEQUENTIAL_ANNOTATION, SEQUENTIAL_ANNOTATION_VALUE } from '../../convert/index.js';
import { errorMessage, isUserError, isUserErrors } from '../../errors/index.js';
import { type Container, type EnvVar, type Pod, type PodSpec } from '../../kube/index.js';
import { POD_NAME_VARIABLE, POD_NAME_VARIABLE_AFTER, type TaskExecutionContext } from '../index.js';
import { type ContainerTarget, isSequentialPodSpec, type PodTarget } from '../../task-action/index.js';
import { TaskSpecError } from './task-spec-error.js';

/** What the pod plugin creates for an attempt, and which container's end ends the task. */
export interface BuiltPod {
  pod: Pod;
  /** Absent when the Pod's own phase decides (sequential Pods end with their last step). */
  primaryContainerName?: string;
}

/** Flyte's annotation naming the container whose end ends the task. */
export const PRIMARY_CONTAINER_ANNOTATION = 'primary_container_name';
/** Flyte's Pods ask the cluster autoscaler not to evict them: a task killed midway is a lost attempt. */
export const SAFE_TO_EVICT_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';

const POD_NAME_FIELD: EnvVar = { name: POD_NAME_VARIABLE, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };

/** The environment as Flyte writes it: `_F_PN` (the Pod's name, from the downward API) in its place. */
function environmentList(environment: Readonly<Record<string, string>>): EnvVar[] {
  const list: EnvVar[] = [];
  for (const [name, value] of Object.entries(environment)) {
    list.push({ name, value });
    if (name === POD_NAME_VARIABLE_AFTER) list.push(POD_NAME_FIELD);
  }
  if (!(POD_NAME_VARIABLE_AFTER in environment)) list.unshift(POD_NAME_FIELD);
  return list;
}

/** Flyte's variables come last and replace same-named ones, so a task cannot be told it is another action. */
function withEnvironment(container: Container, ours: readonly EnvVar[]): Container {
  const names = new Set(ours.map((variable) => variable.name));
  const kept = (container.env ?? []).filter((variable) => !names.has(variable.name));
  return { ...container, env: [...kept, ...ours] };
}

/**
 * Flyte annotates the primary container for sidecar tasks, and for any Pod with one container unless the task
 * type is `raw-container`.
 */
function primaryContainerAnnotation(taskType: string, spec: PodSpec, primary: string | undefined): string | undefined {
  if (taskType === 'sidecar') return primary;
  if (spec.containers.length === 1 && taskType !== 'raw-container') return spec.containers[0]?.name;
  return undefined;
}

function nonEmpty(list: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(list).length > 0 ? list : undefined;
}

function containerSpec(target: ContainerTarget, name: string): PodSpec {
  // Flyte's choice: a container that fails without writing a termination message reports the end of its log.
  const container: Container = { name, image: target.image, terminationMessagePolicy: 'FallbackToLogsOnError' };
  if (target.command.length > 0) container.command = target.command;
  if (target.args.length > 0) container.args = target.args;
  if (target.env.length > 0) container.env = target.env.map(({ name: key, value }) => ({ name: key, value }));
  const requests = nonEmpty(target.resources.requests);
  const limits = nonEmpty(target.resources.limits);
  if (requests !== undefined || limits !== undefined) {
    container.resources = { ...(requests !== undefined ? { requests } : {}), ...(limits !== undefined ? { limits } : {}) };
  }
  return { containers: [container] };
}

function podSpecOf(target: PodTarget): PodSpec {
  const spec = structuredClone(target.podSpec) as unknown as Partial<PodSpec>;
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    throw new TaskSpecError('the task template\'s pod spec has no containers');
  }
  return spec as PodSpec;
}

function conversionMessage(err: unknown): string {
  if (isUserErrors(err)) return err.errors.map((e) => e.message).join('; ');
  return errorMessage(err);
}

/**
 * The Pod for one attempt, as Flyte's pod plugin builds it: the template's container (container tasks) or pod spec
 * (pod tasks); the TaskAction's labels and annotations (annotations are how tooling steers a Pod) plus Flyte's
 * (`safe-to-evict: "false"`, `primary_container_name`); an owner reference to the TaskAction with
 * `controller: true`, so Pod changes wake the action; Flyte's environment in every container (`_F_PN` from the
 * downward API); `restartPolicy: Never`, because retries are attempts of the executor, not restarts of the
 * kubelet; no service links.
 * A sequential pod task holds its converted spec (enqueue converts it, so that any executor runs it in order) and
 * is created as it is; an older template with only the sequential flag is converted here.
 */
export function buildPod(ctx: TaskExecutionContext): BuiltPod {
  const meta = ctx.metadata;
  const view = ctx.taskTemplateView;
  const target = view.target;
  let spec: PodSpec;
  let primaryContainerName: string | undefined;
  let templateLabels: Record<string, string> = {};
  let templateAnnotations: Record<string, string> = {};
  if (target.kind === 'container') {
    if (target.image === '') throw new TaskSpecError('the task template\'s container has no image');
    spec = containerSpec(target, meta.generatedName);
    primaryContainerName = meta.generatedName;
  } else if (target.kind === 'pod') {
    spec = podSpecOf(target);
    templateLabels = target.labels;
    templateAnnotations = target.annotations;
    if (target.primaryContainerName !== '' && spec.containers.some((c) => c.name === target.primaryContainerName)) {
      primaryContainerName = target.primaryContainerName;
    }
  } else {
    throw new TaskSpecError(
      `task type "${view.taskType}" has a ${target.kind === 'sql' ? 'SQL statement' : 'template without a target'}, but the pod plugin runs only a container or a pod spec`,
    );
  }

  spec.restartPolicy = 'Never';
  // Service links put one variable per Service of the namespace in every container: noise, and slow to start.
  spec.enableServiceLinks ??= false;
  const environment = environmentList(meta.environmentVariables);
  spec.containers = spec.containers.map((c) => withEnvironment(c, environment));
  if (spec.initContainers !== undefined) spec.initContainers = spec.initContainers.map((c) => withEnvironment(c, environment));
  if (meta.serviceAccountName !== undefined && spec.serviceAccountName === undefined) spec.serviceAccountName = meta.serviceAccountName;
  if (view.timeoutSeconds !== undefined && spec.activeDeadlineSeconds === undefined) {
    // The kubelet enforces the template's timeout; the Pod then fails with reason DeadlineExceeded.
    spec.activeDeadlineSeconds = Math.max(1, Math.ceil(view.timeoutSeconds));
  }

  let pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: meta.generatedName,
      namespace: meta.namespace,
      labels: { ...templateLabels, ...meta.labels },
      // Flyte's default annotation comes first, so a template or TaskAction can say otherwise.
      annotations: { [SAFE_TO_EVICT_ANNOTATION]: 'false', ...templateAnnotations, ...meta.annotations },
      ownerReferences: [meta.ownerReference],
    },
    spec,
  };
  if (view.sequential && target.kind === 'pod' && isSequentialPodSpec(target.podSpec)) {
    // Converted before it was enqueued: converting again would nest entrypoints. Mark the Pod (templates written
    // before the marker went into their annotations lack it), so `kubectl kueue status` shows its steps.
    pod.metadata.annotations = { ...pod.metadata.annotations, [SEQUENTIAL_ANNOTATION]: SEQUENTIAL_ANNOTATION_VALUE };
    primaryContainerName = undefined;
  } else if (view.sequential && target.kind === 'pod') {
    try {
      pod = convertPod(pod).object as unknown as Pod;
    } catch (err) {
      if (isUserError(err) || isUserErrors(err)) {
        throw new TaskSpecError(`the pod cannot run its containers sequentially: ${conversionMessage(err)}`);
      }
      throw err;
    }
    // A sequential Pod ends with its last step, whichever container is called primary.
    primaryContainerName = undefined;
  }
  const annotated = primaryContainerAnnotation(view.taskType, pod.spec ?? spec, target.kind === 'pod' ? primaryContainerName ?? target.primaryContainerName : primaryContainerName);
  if (annotated !== undefined && annotated !== '') {
    pod.metadata.annotations = { ...pod.metadata.annotations, [PRIMARY_CONTAINER_ANNOTATION]: annotated };
  }
  return primaryContainerName === undefined ? { pod } : { pod, primaryContainerName };
}
