import { type TaskActionSpec } from '../task-action/index.js';

/** Flyte's variable holding the Pod's own name, which only a Pod can fill in (a `fieldRef` to `metadata.name`). */
export const POD_NAME_VARIABLE = '_F_PN';

/** The variable after which Flyte places `_F_PN`, so a plugin writing Pods can keep Flyte's order. */
export const POD_NAME_VARIABLE_AFTER = 'FLYTE_INTERNAL_EXECUTION_DOMAIN';

/** The template's `id` (Flyte's task identifier). */
export interface TaskIdParts {
  project?: string;
  domain?: string;
  name: string;
  version?: string;
}

export interface TaskEnvironmentOptions {
  /** This attempt, from 1 (Flyte's `FLYTE_ATTEMPT_NUMBER` counts from 0). */
  attempt: number;
  taskId?: TaskIdParts;
}

/**
 * The environment Flyte's executor gives every task Pod, in its order: the execution (run, project, domain), the
 * attempt, the task's identifier (current names, then the historic ones), then which action and run it is, the
 * run's output base and the organisation (Flyte's current executor always says `local`; the S3 shape carries the
 * real one in `spec.org`). Flyte task images read these (the SDK names its outputs after them). The run's
 * `envVars` come last and cannot replace any of them. `_F_PN` is left to the plugin that writes the Pod.
 */
export function taskEnvironmentVariables(spec: TaskActionSpec, options: TaskEnvironmentOptions): Record<string, string> {
  const env: Record<string, string> = {
    FLYTE_INTERNAL_EXECUTION_ID: spec.runName,
    FLYTE_INTERNAL_EXECUTION_PROJECT: spec.project,
    FLYTE_INTERNAL_EXECUTION_DOMAIN: spec.domain,
    FLYTE_ATTEMPT_NUMBER: String(options.attempt - 1),
  };
  const id = options.taskId;
  if (id !== undefined) {
    for (const prefix of ['FLYTE_INTERNAL_TASK_', 'FLYTE_INTERNAL_']) {
      env[`${prefix}PROJECT`] = id.project ?? '';
      env[`${prefix}DOMAIN`] = id.domain ?? '';
      env[`${prefix}NAME`] = id.name;
      env[`${prefix}VERSION`] = id.version ?? '';
    }
  }
  env.ACTION_NAME = spec.actionName;
  env.RUN_NAME = spec.runName;
  env._U_RUN_BASE = spec.runOutputBase ?? '';
  env._U_ORG_NAME = spec.org !== undefined && spec.org !== '' ? spec.org : 'local';
  for (const [name, value] of Object.entries(spec.envVars ?? {})) {
    if (!(name in env) && name !== POD_NAME_VARIABLE) env[name] = value;
  }
  return env;
}
