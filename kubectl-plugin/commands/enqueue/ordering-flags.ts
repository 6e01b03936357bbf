import { UserError } from '../../../shared/errors/index.js';
import { type ActionDescription, ANNOTATION_AFTER, ANNOTATION_CHILDREN_WAIT_FOR_PARENT, afterOf, mergeAfterLists, parseAfterList } from '../../../shared/task-action/index.js';

/**
 * `--after` and `--children-wait-for-parent`, written as the annotations the executor reads. `--after` names what
 * one action waits for, so it needs exactly one action (flags, a Pod or Job, or a file of one TaskAction); in a
 * file of several each TaskAction says its own with the annotation. `--children-wait-for-parent` is a run-level
 * choice and goes on the run's root, which must be in the input.
 */
export function withOrderingFlags(actions: ActionDescription[], flags: { after?: string; childrenWaitForParent?: boolean }): ActionDescription[] {
  let result = actions;
  if (flags.after !== undefined) {
    const names = parseAfterList(flags.after);
    if (names.length === 0) throw new UserError('--after names no action', {}, 'give action names of the same run, e.g. --after fetch,train');
    const [only] = result;
    if (only === undefined || result.length !== 1) {
      throw new UserError(
        `--after applies to one action, and the input has ${result.length}`,
        {},
        `in a file of several TaskActions, set the annotation ${ANNOTATION_AFTER}: "fetch,train" on each action that waits`,
      );
    }
    result = [{ ...only, annotations: { ...only.annotations, [ANNOTATION_AFTER]: mergeAfterLists(afterOf({ annotations: only.annotations }), names) } }];
  }
  if (flags.childrenWaitForParent === true) {
    if (!result.some((action) => action.parentActionName === undefined)) {
      throw new UserError(
        '--children-wait-for-parent is set on a run\'s root action, and the input has none',
        {},
        `enqueue it with the run's root, or annotate the root with ${ANNOTATION_CHILDREN_WAIT_FOR_PARENT}: "true"`,
      );
    }
    result = result.map((action) =>
      action.parentActionName === undefined ? { ...action, annotations: { ...action.annotations, [ANNOTATION_CHILDREN_WAIT_FOR_PARENT]: 'true' } } : action,
    );
  }
  return result;
}
