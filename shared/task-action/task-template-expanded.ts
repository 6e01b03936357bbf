import { type InputLocation } from '../errors/index.js';
import { type TaskAction } from './types.js';
import { type TaskTemplateView, viewTaskTemplateBase64 } from './task-template-view.js';

/** `spec.taskTemplate` as a person writes it in a TaskAction file (the form `enqueue -f` reads), not base64. */
export type ExpandedTaskTemplate = Record<string, unknown>;

function expandedTarget(view: TaskTemplateView): ExpandedTaskTemplate {
  const { target } = view;
  switch (target.kind) {
    case 'container':
      return {
        container: {
          image: target.image,
          ...(target.command.length > 0 ? { command: target.command } : {}),
          ...(target.args.length > 0 ? { args: target.args } : {}),
          ...(target.env.length > 0 ? { env: Object.fromEntries(target.env.map((e) => [e.name, e.value])) } : {}),
          resources: target.resources,
        },
      };
    case 'pod':
      return {
        pod: {
          ...(view.sequential ? { sequential: true } : {}),
          ...(target.primaryContainerName !== '' ? { primaryContainerName: target.primaryContainerName } : {}),
          spec: target.podSpec,
        },
      };
    case 'sql':
      return { sql: { statement: target.statement } };
    case 'none':
      return {};
  }
}

/**
 * The decoded template in the expanded form `enqueue -f` accepts: `type`, `retries`, `timeoutSeconds`, then
 * `container: {image, command, args, env, resources}` or `pod: {sequential, primaryContainerName, spec}`.
 */
export function expandedTaskTemplate(base64: string, location?: InputLocation): ExpandedTaskTemplate {
  const view = viewTaskTemplateBase64(base64, location);
  return {
    type: view.taskType,
    retries: view.retries,
    ...(view.timeoutSeconds !== undefined ? { timeoutSeconds: view.timeoutSeconds } : {}),
    ...expandedTarget(view),
  };
}

/**
 * The TaskAction with its template expanded, for reading. A template that cannot be decoded is left as it is
 * (base64): the reader still sees what the server holds.
 */
export function withExpandedTemplate(action: TaskAction): TaskAction {
  const encoded = action.spec.taskTemplate;
  if (encoded === undefined) return action;
  let taskTemplate: ExpandedTaskTemplate;
  try {
    taskTemplate = expandedTaskTemplate(encoded);
  } catch {
    return action;
  }
  return { ...action, spec: { ...action.spec, taskTemplate } } as unknown as TaskAction;
}
