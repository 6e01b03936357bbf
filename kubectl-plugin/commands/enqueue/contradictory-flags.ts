import { UserError } from '../../../shared/errors/index.js';
import { type InputDocument } from '../../../shared/queue/index.js';
import { type EnqueueFlags } from './command.js';

/** Flags that describe the container task made from flags: with -f there is none, so they would do nothing. */
const FLAG_TASK_ONLY: readonly [keyof EnqueueFlags, string][] = [
  ['image', '--image'],
  ['taskType', '--task-type'],
  ['env', '--env'],
];

function given(value: unknown): boolean {
  return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
}

/**
 * Refuses flag pairs where one flag would be ignored, before any input is read: the user meant something the
 * command would silently not do.
 */
export function refuseContradictoryFlags(commandArgs: string[], flags: EnqueueFlags): void {
  const fromFiles = flags.filename !== undefined && flags.filename.length > 0;
  if (fromFiles) {
    if (commandArgs.length > 0) throw new UserError('give either -f or a command after --, not both', {}, 'a command belongs to a container task made from flags (--image); a manifest says its own');
    for (const [key, flag] of FLAG_TASK_ONLY) {
      if (given(flags[key])) {
        throw new UserError(`${flag} cannot be combined with -f: it describes the container task made from flags`, {}, `set it in the manifest instead, or leave out -f`);
      }
    }
    return;
  }
  if (flags.sequential === true) {
    throw new UserError('--sequential applies to a Pod or Job given with -f, and there is none', {}, 'give -f pod.yaml --sequential; a container task from --image runs one container');
  }
  if (flags.recursive === true) throw new UserError('--recursive applies to directories given with -f, and there is none');
}

/**
 * Refuses flags that TaskAction documents override: such a document names its own action and parent, and a
 * sequential pod in it says so itself (`taskTemplate.pod.sequential`).
 */
export function refuseFlagsTaskActionsIgnore(documents: readonly InputDocument[], flags: EnqueueFlags): void {
  const taskAction = documents.find((d) => typeof d.value === 'object' && d.value !== null && (d.value as { kind?: unknown }).kind === 'TaskAction');
  if (taskAction === undefined) return;
  const pairs: [boolean, string, string][] = [
    [flags.action !== undefined, '--action', 'spec.actionName'],
    [flags.parent !== undefined, '--parent', 'spec.parentActionName'],
    [flags.sequential === true, '--sequential', 'spec.taskTemplate.pod.sequential: true'],
  ];
  for (const [isGiven, flag, field] of pairs) {
    if (!isGiven) continue;
    throw new UserError(
      `${flag} cannot be combined with TaskAction documents: each says its own ${field.split(':')[0] ?? field}`,
      taskAction.location,
      `leave out ${flag} and set ${field} in the document`,
    );
  }
}
