import { PREPARE_CONTAINER_NAME, SEQUENTIAL_ANNOTATION, SEQUENTIAL_ANNOTATION_VALUE } from '../convert/index.js';
import { errorMessage } from '../errors/index.js';
import { viewTaskTemplateBase64, type TaskAction } from '../task-action/index.js';
import { type TaskDetails } from './action-details.js';

interface PodSpecContainer {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
}

function containersOf(podSpec: Record<string, unknown>): NonNullable<TaskDetails['containers']> {
  const list = (value: unknown) => (Array.isArray(value) ? (value as PodSpecContainer[]) : []);
  return [...list(podSpec['initContainers']), ...list(podSpec['containers'])].map((c) => ({
    name: c.name ?? '',
    image: c.image ?? '',
    command: c.command ?? [],
    args: c.args ?? [],
  }));
}

/** The task as a person reads it: image, command, resources and retries, or a pod task's containers. */
export function taskDetails(action: TaskAction): TaskDetails {
  const base: TaskDetails = { taskType: action.spec.taskType ?? '', retries: 0 };
  if (!action.spec.taskTemplate) return { ...base, undecodable: 'the TaskAction has no taskTemplate' };
  let view;
  try {
    view = viewTaskTemplateBase64(action.spec.taskTemplate, { object: `TaskAction ${action.metadata.name ?? ''}`, field: 'spec.taskTemplate' });
  } catch (err) {
    return { ...base, undecodable: errorMessage(err) };
  }
  const details: TaskDetails = { ...base, taskType: view.taskType, retries: view.retries };
  if (view.timeoutSeconds !== undefined) details.timeoutSeconds = view.timeoutSeconds;
  const target = view.target;
  if (target.kind === 'container') {
    Object.assign(details, { image: target.image, command: target.command, args: target.args, resources: target.resources });
  } else if (target.kind === 'pod') {
    // The Pod's own containers, the sequential prepare step left out: it is how steps run, not a step.
    details.containers = containersOf(target.podSpec).filter((c) => c.name !== PREPARE_CONTAINER_NAME);
    details.sequential = view.sequential || target.annotations[SEQUENTIAL_ANNOTATION] === SEQUENTIAL_ANNOTATION_VALUE;
  }
  return details;
}
