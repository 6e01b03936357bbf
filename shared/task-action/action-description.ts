import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type InputLocation } from '../errors/index.js';
import { type RunIdentity } from './validation.js';

/** An action to enqueue, as callers (CLI flags, manifests, QueueService requests) describe it. */
export interface ActionDescription {
  org: string;
  project: string;
  domain: string;
  runName: string;
  actionName: string;
  /** Absent for the root action of a run; an empty string is rejected, not taken for "root". */
  parentActionName?: string;
  /** The template, as a message or as its binary encoding (kept byte for byte). */
  taskTemplate: TaskTemplate | Uint8Array;
  /** Display name; at most 63 characters. */
  shortName?: string;
  /** Defaults to `defaultInputUri(...)`. */
  inputUri?: string;
  /** Defaults to `defaultRunOutputBase(...)`. */
  runOutputBase?: string;
  /** Namespace of the CR; left out, the client's namespace applies. */
  namespace?: string;
  /**
   * Extra annotations for the CR (Flyte's queue writes none). The executor copies them to the action's Pod,
   * which is how tooling steers a Pod (for example a simulated kubelet's outcome annotations).
   */
  annotations?: Record<string, string>;
  /**
   * Extra labels for the CR: a run's own labels (RunSpec labels in Flyte's current ActionsService). The queue's
   * labels (`flyte.org/project`, `flyte.org/run`, ...) win over a user label of the same key, since runs and
   * parents are found by them.
   */
  labels?: Record<string, string>;
  // Optional fields of Flyte's current shape, written only when given.
  cacheKey?: string;
  group?: string;
  envVars?: Record<string, string>;
  interruptible?: boolean;
  /** Where the action was written (file, line, object), so errors about it can point there. Not sent. */
  source?: InputLocation;
}

/** The action name when the caller gives none: the name Flyte gives a run's root action. */
export const DEFAULT_ACTION_NAME = 'a0';

/**
 * Where run data lives when the caller does not say. Flyte requires `inputUri` and `runOutputBase` but only tasks
 * that use Flyte's data plane read them; for the containers and Pods run here they are just recorded. A file URL
 * parses as a URL in Flyte's executor (it shards output paths with `url.Parse`), so Flyte accepts it too.
 */
export const DEFAULT_DATA_ROOT = 'file:///tmp/kueue';

/** `<root>/<org>/<project>/<domain>/<run>/`, the layout Flyte uses under its bucket. */
export function defaultRunOutputBase(run: RunIdentity, dataRoot: string = DEFAULT_DATA_ROOT): string {
  return `${dataRoot.replace(/\/+$/, '')}/${run.org}/${run.project}/${run.domain}/${run.runName}/`;
}

/** `<run output base><action>/inputs.pb`. */
export function defaultInputUri(
  run: RunIdentity,
  actionName: string,
  dataRoot: string = DEFAULT_DATA_ROOT,
): string {
  return `${defaultRunOutputBase(run, dataRoot)}${actionName}/inputs.pb`;
}
