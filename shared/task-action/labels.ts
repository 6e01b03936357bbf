import { ACTION_TYPE_TASK, type ActionType } from './api-constants.js';

/**
 * The seven labels Flyte's queue puts on every TaskAction. They are how runs and actions are found: a run's root
 * by org/project/domain/run + is-root, a parent by run + action (which also finds CRs named by Flyte's newer
 * `<run>-<action>` scheme).
 */
export const LABEL_ORG = 'flyte.org/org';
export const LABEL_PROJECT = 'flyte.org/project';
export const LABEL_DOMAIN = 'flyte.org/domain';
export const LABEL_RUN = 'flyte.org/run';
export const LABEL_ACTION = 'flyte.org/action';
export const LABEL_ACTION_TYPE = 'flyte.org/action-type';
export const LABEL_IS_ROOT = 'flyte.org/is-root';

export interface ActionLabelParts {
  org: string;
  project: string;
  domain: string;
  runName: string;
  actionName: string;
  /** Absent (or empty, as upstream treats it) for the root action of a run. */
  parentActionName?: string;
  actionType?: ActionType;
}

export function taskActionLabels(parts: ActionLabelParts): Record<string, string> {
  const isRoot = parts.parentActionName === undefined || parts.parentActionName === '';
  return {
    [LABEL_ORG]: parts.org,
    [LABEL_PROJECT]: parts.project,
    [LABEL_DOMAIN]: parts.domain,
    [LABEL_RUN]: parts.runName,
    [LABEL_ACTION]: parts.actionName,
    [LABEL_ACTION_TYPE]: parts.actionType ?? ACTION_TYPE_TASK,
    [LABEL_IS_ROOT]: isRoot ? 'true' : 'false',
  };
}

export interface RunSelectorParts {
  /** Optional because Flyte's newer queue no longer writes the org label; omit it to match those objects too. */
  org?: string;
  project: string;
  domain: string;
  runName: string;
}

function selector(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Every action of a run; with `rootOnly`, only the root (what aborting a run deletes). */
export function runLabelSelector(run: RunSelectorParts, options: { rootOnly?: boolean } = {}): string {
  return selector([
    [LABEL_ORG, run.org],
    [LABEL_PROJECT, run.project],
    [LABEL_DOMAIN, run.domain],
    [LABEL_RUN, run.runName],
    [LABEL_IS_ROOT, options.rootOnly ? 'true' : undefined],
  ]);
}

/** One action of a run, whatever its CR name (how a parent is found before a child is created). */
export function actionLabelSelector(run: RunSelectorParts, actionName: string): string {
  return selector([
    [LABEL_ORG, run.org],
    [LABEL_PROJECT, run.project],
    [LABEL_DOMAIN, run.domain],
    [LABEL_RUN, run.runName],
    [LABEL_ACTION, actionName],
  ]);
}

/**
 * Labels Flyte's current executor puts on a TaskAction once it reached a terminal phase: its garbage collector
 * deletes TaskActions whose completed time (UTC, `YYYY-MM-DD.HH-MM`, compared as text) is older than its TTL.
 */
export const LABEL_TERMINATION_STATUS = 'flyte.org/termination-status';
export const TERMINATION_STATUS_TERMINATED = 'terminated';
export const LABEL_COMPLETED_TIME = 'flyte.org/completed-time';

/** `2025-03-14.09-26`: Flyte's completed-time label value for a time (UTC, to the minute). */
export function completedTimeLabelValue(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)}.${iso.slice(11, 13)}-${iso.slice(14, 16)}`;
}
