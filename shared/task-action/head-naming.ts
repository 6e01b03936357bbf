/** The root action's name in Flyte's runs service; the CR of a run's root is `<run>-a0` whatever it is called. */
export const HEAD_ROOT_ACTION = 'a0';

/**
 * The TaskAction name Flyte's current ActionsService gives an action: `<run>-a0` when the action is named like
 * its run (the runs service's root), else `<run>-<action>`. Organisation, project and domain are not part of it:
 * one namespace holds every run.
 */
export function headTaskActionName(runName: string, actionName: string): string {
  return `${runName}-${actionName === runName ? HEAD_ROOT_ACTION : actionName}`;
}

/** How a server names the TaskActions it creates: Flyte's S3 queue scheme, or its current ActionsService scheme. */
export type TaskActionNaming = 'flyte-s3' | 'flyte-head';
export const TASK_ACTION_NAMINGS: readonly TaskActionNaming[] = ['flyte-s3', 'flyte-head'];
