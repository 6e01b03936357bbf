import { type SetupContext } from './setup-context.js';
import { type TaskExecutionContext } from './task-execution-context.js';
import { type Transition } from './transition.js';

/** A task type such as `container` or `sidecar` (`TaskTemplate.type`, `spec.taskType`). */
export type TaskType = string;

/** What a plugin asks of the engine. */
export interface PluginProperties {
  /** Do not look up or write caches for tasks of this plugin. */
  disableNodeLevelCaching: boolean;
  /** Longest name the plugin can use for what it creates; at least 8 when given (default 50 upstream). */
  generatedNameMaxLength?: number;
}

/** Runs tasks of some types. All methods may be called repeatedly and must be idempotent. */
export interface Plugin {
  /** Unique; ideally the id of its `PluginEntry`. */
  getId(): string;
  getProperties(): PluginProperties;
  /** Observes and advances the task one step; must not block waiting for it. */
  handle(ctx: TaskExecutionContext): Promise<Transition>;
  /** Stops the task, because it or its run was aborted or failed. */
  abort(ctx: TaskExecutionContext): Promise<void>;
  /** Always called after handle or abort are done with the task: releases what it holds. */
  finalize(ctx: TaskExecutionContext): Promise<void>;
}

/** Makes the plugin; called before any of its methods. */
export type PluginLoader = (setup: SetupContext) => Plugin | Promise<Plugin>;

/**
 * A kind of action other than a task (`spec.actionType`, e.g. `condition`): such actions carry no task template,
 * and the plugin registered for their kind runs them.
 */
export type ActionKind = string;

export interface PluginEntry {
  /** Unique among plugins. */
  id: TaskType;
  registeredTaskTypes: TaskType[];
  /** Action kinds this plugin runs instead of tasks; a kind belongs to one plugin, and the default never runs one. */
  registeredActionTypes?: ActionKind[];
  loadPlugin: PluginLoader;
  /** Runs task types no plugin registered; at most one plugin may be the default. */
  isDefault: boolean;
}

/** Shorter generated names could not stay unique (upstream's `minGeneratedNameLength`). */
export const MIN_GENERATED_NAME_LENGTH = 8;

/** Loads a plugin and checks its properties. The message keeps upstream's wording ("greater then 8"). */
export async function loadPlugin(setup: SetupContext, entry: PluginEntry): Promise<Plugin> {
  const plugin = await entry.loadPlugin(setup);
  const length = plugin.getProperties().generatedNameMaxLength;
  if (length !== undefined && length < MIN_GENERATED_NAME_LENGTH) {
    throw new Error(`GeneratedNameMaxLength needs to be greater then ${MIN_GENERATED_NAME_LENGTH}`);
  }
  return plugin;
}
