import { type TaskAction } from '../task-action/index.js';

/** Of `all`, the action itself and everything below it, followed through ownerReferences by uid. */
export function actionSubtree(action: TaskAction, all: readonly TaskAction[]): TaskAction[] {
  const inside = new Set<string>([action.metadata.uid ?? '']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of all) {
      const uid = item.metadata.uid ?? '';
      if (!inside.has(uid) && (item.metadata.ownerReferences ?? []).some((o) => inside.has(o.uid))) {
        inside.add(uid);
        grew = true;
      }
    }
  }
  return all.filter((item) => inside.has(item.metadata.uid ?? ''));
}
