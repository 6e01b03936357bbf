import { type KubeObject, type ObjectMeta } from '../kube/index.js';
import { type Condition } from './condition.js';
import { type ActionType } from './api-constants.js';

/**
 * `spec` of a TaskAction: Flyte's "S3" shape (the last one of the queue service) plus the optional fields of
 * Flyte's current shape, so objects written by either can be read. What we write always carries every field S3
 * requires, so both CRDs accept it.
 */
export interface TaskActionSpec {
  /** 1..30 characters. */
  runName: string;
  /** 1..63; required by S3, removed by Flyte's current shape. */
  org?: string;
  /** 1..63. */
  project: string;
  /** 1..63. */
  domain: string;
  /** 1..30; unique within the run. */
  actionName: string;
  /** 1..30 when present; absent for the root action. */
  parentActionName?: string;
  /** Where the action reads its inputs (required by S3, optional now). */
  inputUri?: string;
  /** Base of the run's outputs (required by S3, optional now). */
  runOutputBase?: string;
  /** 1..63, e.g. `container`; equals the template's `type`. Selects the plugin. */
  taskType?: string;
  /** At most 63: a display name. */
  shortName?: string;
  /** Base64 (as Kubernetes encodes `bytes`) of a binary `flyteidl2.core.TaskTemplate`. */
  taskTemplate?: string;

  // Flyte's current shape only.
  actionType?: ActionType;
  /** Base64 of a binary `flyteidl2.workflow.ConditionAction`, for condition actions. */
  conditionSpec?: string;
  /** At most 256. */
  cacheKey?: string;
  envVars?: Record<string, string>;
  interruptible?: boolean;
  /** At most 256. */
  group?: string;
}

/** One entry of the append-only phase timeline. */
export interface PhaseTransition {
  phase: string;
  occurredAt: string;
  message?: string;
}

/** The structured error of the last failed or aborted attempt (Flyte's current shape). */
export interface ErrorState {
  code?: string;
  /** `USER`, `SYSTEM` or empty. */
  kind?: string;
  message?: string;
}

export interface TaskActionStatus {
  stateJson?: string;
  /** Base64 of the plugin's state from the last round; ours is JSON (Flyte's executor writes Go gob). */
  pluginState?: string;
  pluginStateVersion?: number;
  /** Name of the plugin phase, e.g. `PhaseRunning`. */
  pluginPhase?: string;
  pluginPhaseVersion?: number;
  conditions?: Condition[];
  phaseHistory?: PhaseTransition[];

  // Flyte's current shape only.
  /** Latest attempt number, starting at 1. */
  attempts?: number;
  /** Consecutive system failures seen while reconciling. */
  systemFailures?: number;
  /** `flyteidl2.core.CatalogCacheStatus` as its number. */
  cacheStatus?: number;
  errorState?: ErrorState;
  /** Base64 of a binary `flyteidl2.core.Literal`, for condition actions. */
  signalValue?: string;
  signalledBy?: string;
  signalledAt?: string;
}

export interface TaskAction extends KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: TaskActionSpec;
  status?: TaskActionStatus;
}
