import { type TaskActionSpec } from '../task-action/index.js';

/**
 * The environment Flyte's executor gives every task Pod: which action and run it is, the run's output base and the
 * organisation (Flyte's current executor always says `local`; the S3 shape carries the real one in `spec.org`).
 * The run's `envVars` come after and cannot replace these.
 */
export function taskEnvironmentVariables(spec: TaskActionSpec): Record<string, string> {
  const env: Record<string, string> = {
    ACTION_NAME: spec.actionName,
    RUN_NAME: spec.runName,
    _U_RUN_BASE: spec.runOutputBase ?? '',
    _U_ORG_NAME: spec.org !== undefined && spec.org !== '' ? spec.org : 'local',
  };
  for (const [name, value] of Object.entries(spec.envVars ?? {})) {
    if (!(name in env)) env[name] = value;
  }
  return env;
}
