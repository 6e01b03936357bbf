import { objectKey } from '../kube/index.js';
import { isTerminal, type TaskAction } from '../task-action/index.js';
import { hasStarted, type RunView, type UpstreamGate, upstreamGate } from './upstream-gate.js';

/** The run an action belongs to, from its spec (every CRD keeps these fields; labels may be missing). */
function runOf(action: TaskAction): string {
  const { project, domain, runName } = action.spec;
  return [action.metadata.namespace ?? '', project, domain, runName].join('\u0000');
}

/** What dependents care about: finished well, finished badly, going away, started (children of a held parent), or not yet. */
function stateOf(action: TaskAction | undefined): string {
  if (action === undefined) return 'absent';
  if (action.metadata.deletionTimestamp !== undefined) return 'deleting';
  if (isTerminal(action)) return JSON.stringify(action.status?.conditions?.filter((c) => c.status === 'True').map((c) => c.type));
  return hasStarted(action) ? 'started' : 'open';
}

interface RunIndex {
  /** Action name -> object key, for every action of the run in the cache. */
  actions: Map<string, string>;
  /** Names seen and deleted since: their dependents end instead of waiting for them forever. Made when needed. */
  deleted?: Set<string>;
  /** Upstream name -> keys of the actions waiting for it. Made when needed: most runs have no waiting action. */
  dependents?: Map<string, Set<string>>;
}

/**
 * Ordering in the engine without polling: actions are indexed by run from the executor's watch cache; an action
 * that must wait registers the names it waits for, and when one of them changes state (appears, finishes, goes
 * away) `observe` returns the waiting actions to requeue. Decisions read the cache only (`lookup`), never the API.
 */
export class UpstreamTracker {
  private readonly runs = new Map<string, RunIndex>();
  /** Waiting action key -> its run and what it registered, to unregister it. */
  private readonly waits = new Map<string, { run: string; names: readonly string[] }>();

  constructor(private readonly lookup: (key: string) => TaskAction | undefined) {}

  /** Folds a watch event into the index; returns the keys of actions waiting for this one, when they should look again. */
  observe(type: 'added' | 'modified' | 'deleted', action: TaskAction, previous: TaskAction | undefined): string[] {
    const run = runOf(action);
    const name = action.spec.actionName;
    const key = objectKey(action);
    let index = this.runs.get(run);
    if (type === 'deleted') {
      this.unregister(key);
      if (index === undefined) return [];
      if (index.actions.get(name) === key) index.actions.delete(name);
      (index.deleted ??= new Set()).add(name);
    } else {
      if (index === undefined) this.runs.set(run, (index = { actions: new Map() }));
      index.actions.set(name, key);
      index.deleted?.delete(name);
      if (type === 'modified' && stateOf(previous) === stateOf(action)) return [];
    }
    const waiting = [...(index.dependents?.get(name) ?? [])];
    if (index.actions.size === 0 && (index.dependents?.size ?? 0) === 0) this.runs.delete(run);
    return waiting;
  }

  /** The decision for an action that is about to be reconciled; a waiting action is registered with what it waits for. */
  gate(action: TaskAction): UpstreamGate {
    const key = objectKey(action);
    const run = runOf(action);
    const index = this.runs.get(run);
    const view: RunView = {
      get: (name) => {
        const found = index?.actions.get(name);
        return found !== undefined ? this.lookup(found) : undefined;
      },
      deleted: (name) => index?.deleted?.has(name) === true,
      root: () => {
        for (const found of index?.actions.values() ?? []) {
          const candidate = this.lookup(found);
          if (candidate !== undefined && (candidate.spec.parentActionName ?? '') === '') return candidate;
        }
        return undefined;
      },
    };
    const gate = upstreamGate(action, view);
    this.unregister(key);
    if (gate.kind === 'wait') this.register(key, run, gate.waitingFor);
    return gate;
  }

  /** How many actions wait for others now. */
  get waitingCount(): number {
    return this.waits.size;
  }

  private register(key: string, run: string, names: readonly string[]): void {
    let index = this.runs.get(run);
    if (index === undefined) this.runs.set(run, (index = { actions: new Map() }));
    const dependents = (index.dependents ??= new Map<string, Set<string>>());
    for (const name of names) {
      let set = dependents.get(name);
      if (set === undefined) dependents.set(name, (set = new Set()));
      set.add(key);
    }
    this.waits.set(key, { run, names });
  }

  private unregister(key: string): void {
    const wait = this.waits.get(key);
    if (wait === undefined) return;
    this.waits.delete(key);
    const index = this.runs.get(wait.run);
    if (index === undefined) return;
    for (const name of wait.names) {
      const set = index.dependents?.get(name);
      set?.delete(key);
      if (set?.size === 0) index.dependents?.delete(name);
    }
    if (index.actions.size === 0 && (index.dependents?.size ?? 0) === 0) this.runs.delete(wait.run);
  }
}
