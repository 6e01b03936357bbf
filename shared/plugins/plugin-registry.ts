import { errorMessage } from '../errors/index.js';
import { type ActionKind, type Plugin, type PluginEntry, type TaskType, loadPlugin } from './plugin.js';
import { type SetupContext } from './setup-context.js';

/** No plugin runs a task type: the executor marks such a TaskAction `Failed` with reason `PluginNotFound`. */
export class PluginNotFoundError extends Error {
  override readonly name = 'PluginNotFoundError';
  constructor(
    readonly taskType: TaskType,
    message = `no plugin registered for task type "${taskType}" and no default plugin available`,
  ) {
    super(message);
  }
}

/** Plugins by task type: an exact match wins, anything else goes to the single default plugin. */
export class PluginRegistry {
  private constructor(
    private readonly byTaskType: ReadonlyMap<TaskType, Plugin>,
    private readonly fallback: Plugin | undefined,
    private readonly byActionType: ReadonlyMap<ActionKind, Plugin>,
  ) {}

  /**
   * Checks the entries, then loads every plugin (through `loadPlugin`). Unlike upstream, which logs and lets the
   * last one win, two defaults, two entries with one id, or two entries claiming one task type are errors: which
   * plugin runs a task must not depend on registration order.
   */
  static async load(setup: SetupContext, entries: readonly PluginEntry[]): Promise<PluginRegistry> {
    const ids = new Set<string>();
    const owners = new Map<TaskType, string>();
    const actionOwners = new Map<ActionKind, string>();
    let defaultId: string | undefined;
    for (const entry of entries) {
      if (ids.has(entry.id)) throw new Error(`plugin "${entry.id}" is registered twice`);
      ids.add(entry.id);
      if (entry.isDefault) {
        if (defaultId !== undefined) {
          throw new Error(`plugins "${defaultId}" and "${entry.id}" are both the default plugin; only one may be`);
        }
        defaultId = entry.id;
      }
      for (const taskType of entry.registeredTaskTypes) {
        const owner = owners.get(taskType);
        if (owner !== undefined) {
          throw new Error(`task type "${taskType}" is registered by both plugin "${owner}" and plugin "${entry.id}"`);
        }
        owners.set(taskType, entry.id);
      }
      for (const actionType of entry.registeredActionTypes ?? []) {
        const owner = actionOwners.get(actionType);
        if (owner !== undefined) {
          throw new Error(`action type "${actionType}" is registered by both plugin "${owner}" and plugin "${entry.id}"`);
        }
        actionOwners.set(actionType, entry.id);
      }
    }

    const byTaskType = new Map<TaskType, Plugin>();
    const byActionType = new Map<ActionKind, Plugin>();
    let fallback: Plugin | undefined;
    for (const entry of entries) {
      let plugin: Plugin;
      try {
        plugin = await loadPlugin(setup, entry);
      } catch (err) {
        throw new Error(`failed to load plugin "${entry.id}": ${errorMessage(err)}`, {
          cause: err,
        });
      }
      for (const taskType of entry.registeredTaskTypes) byTaskType.set(taskType, plugin);
      for (const actionType of entry.registeredActionTypes ?? []) byActionType.set(actionType, plugin);
      if (entry.isDefault) fallback = plugin;
    }
    return new PluginRegistry(byTaskType, fallback, byActionType);
  }

  /**
   * The plugin for an action kind other than a task; throws `PluginNotFoundError` when none registered it (the
   * default plugin runs tasks only: it could not run an action without a template).
   */
  resolveActionType(actionType: ActionKind): Plugin {
    const plugin = this.byActionType.get(actionType);
    if (plugin === undefined) throw new PluginNotFoundError('', `no plugin registered for action type "${actionType}"`);
    return plugin;
  }

  /** The plugin for a task type; throws `PluginNotFoundError` when there is neither a match nor a default. */
  resolve(taskType: TaskType): Plugin {
    const plugin = this.byTaskType.get(taskType) ?? this.fallback;
    if (plugin === undefined) throw new PluginNotFoundError(taskType);
    return plugin;
  }

  /** Task types with a plugin of their own, sorted. */
  taskTypes(): TaskType[] {
    return [...this.byTaskType.keys()].sort();
  }

  get defaultPlugin(): Plugin | undefined {
    return this.fallback;
  }
}
