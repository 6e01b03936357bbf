import { hasSequentialAnnotation, PREPARE_CONTAINER_NAME, runningStep } from '../convert/index.js';
import { UserError } from '../errors/index.js';
import { type Pod } from '../kube/index.js';
import { PRIMARY_CONTAINER_ANNOTATION } from '../plugins/pod/index.js';

/** Which containers' logs to read: one container (`-c`), one step of a sequential Pod (`--step`), or the default. */
export interface ContainerChoice {
  container?: string;
  step?: string;
}

/** kubectl's own annotation for the container `kubectl logs` reads when none is named. */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

function allContainers(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
}

/** A sequential Pod's steps in the order they run (user init containers, then containers; not the prepare step). */
export function podSteps(pod: Pod): string[] | undefined {
  if (!hasSequentialAnnotation(pod.metadata)) return undefined;
  return runningStep(pod).steps.map((step) => step.name);
}

/**
 * The containers whose logs make up the Pod's log, in order. By default: a sequential Pod's steps, one after the
 * other (each step starts when the one before ends); otherwise kubectl's default container, else the task's primary
 * container, else the only or first container. Unknown names are refused with the valid ones listed.
 */
export function logContainers(pod: Pod, choice: ContainerChoice): string[] {
  const object = `Pod ${pod.metadata.name ?? ''}`;
  const steps = podSteps(pod);
  if (choice.step !== undefined) {
    if (steps === undefined) {
      throw new UserError(`${object} does not run its containers in sequence, so it has no steps`, { object, field: '--step' }, `choose a container with -c: ${allContainers(pod).join(', ')}`);
    }
    if (!steps.includes(choice.step)) throw new UserError(`${object} has no step "${choice.step}"`, { object, field: '--step' }, `its steps, in order: ${steps.join(', ')}`);
    return [choice.step];
  }
  if (choice.container !== undefined) {
    const names = allContainers(pod);
    if (!names.includes(choice.container)) throw new UserError(`${object} has no container "${choice.container}"`, { object, field: '--container' }, `its containers: ${names.join(', ')}`);
    return [choice.container];
  }
  if (steps !== undefined) return steps;
  const containers = (pod.spec?.containers ?? []).map((c) => c.name).filter((name) => name !== PREPARE_CONTAINER_NAME);
  const annotations = pod.metadata.annotations ?? {};
  for (const wanted of [annotations[DEFAULT_CONTAINER_ANNOTATION], annotations[PRIMARY_CONTAINER_ANNOTATION]]) {
    if (wanted !== undefined && containers.includes(wanted)) return [wanted];
  }
  return containers.slice(0, 1);
}
