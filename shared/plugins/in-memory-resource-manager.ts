import { AllocationStatus } from './allocation-status.js';
import {
  type ResourceConstraintsSpec,
  type ResourceManager,
  type ResourceNamespace,
  type ResourceRegistrar,
  createSubNamespace,
} from './resource-manager.js';

/** Whose tokens these are: constraints count tokens per project and per project + domain. */
export interface ExecutionScope {
  project: string;
  domain: string;
  runName: string;
}

interface Pool {
  quota: number;
  /** Insertion-ordered, so listings show tokens in allocation order. */
  tokens: Set<string>;
}

/** A constraint resolved to the token prefix it counts. */
interface ScopedConstraint {
  prefix: string;
  value: number;
}

// Upstream's token layout: `ex:<project>:<domain>:<run>-<token>`. Prefixes here end with the separator so that
// project `a` does not also count the tokens of project `ab`, as upstream's bare prefixes do.
function projectPrefix(scope: ExecutionScope): string {
  return `ex:${scope.project}:`;
}

function namespacePrefix(scope: ExecutionScope): string {
  return `${projectPrefix(scope)}${scope.domain}:`;
}

function scopedToken(scope: ExecutionScope, token: string): string {
  return `${namespacePrefix(scope)}${scope.runName}-${token}`;
}

/** Runs `fn` now; its result, or what it throws, becomes the promise's outcome. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

function checkConstraintValue(value: number, level: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`the ${level} resource constraint must be a whole number of at least 0, not ${value}`);
  }
}

/**
 * A real resource manager kept in memory: one token pool per registered namespace, each with a quota, plus the
 * project and namespace caps callers ask for. It serves one executor process, which is the only one acting on
 * a Kubernetes namespace (it holds the lease), so process memory is the right place for the pools.
 */
export class InMemoryResourceManager implements ResourceRegistrar {
  private readonly pools = new Map<ResourceNamespace, Pool>();

  constructor(private readonly id = 'in-memory-resource-manager') {}

  getId(): string {
    return this.id;
  }

  registerResourceQuota(namespace: ResourceNamespace, quota: number): Promise<void> {
    return settle(() => {
      if (!Number.isInteger(quota) || quota <= 0) {
        throw new Error(`invalid quota ${quota} for resource namespace "${namespace}": it must be a whole number above 0`);
      }
      if (this.pools.has(namespace)) throw new Error(`resource namespace "${namespace}" already has a quota`);
      this.pools.set(namespace, { quota, tokens: new Set() });
    });
  }

  /** A registrar whose namespaces are sub-namespaces of `prefix` (how a plugin registers its own pools). */
  registrarFor(prefix: ResourceNamespace): ResourceRegistrar {
    return {
      registerResourceQuota: (namespace, quota) => this.registerResourceQuota(createSubNamespace(prefix, namespace), quota),
    };
  }

  /**
   * The manager one task execution gets: namespaces are taken under `prefix` (as registered through
   * `registrarFor(prefix)`), and tokens are tagged with the execution's project, domain and run so the project
   * and namespace caps can count them.
   */
  forExecution(scope: ExecutionScope, prefix?: ResourceNamespace): ResourceManager {
    const qualify = (namespace: ResourceNamespace): ResourceNamespace =>
      prefix === undefined ? namespace : createSubNamespace(prefix, namespace);
    return {
      getId: () => this.id,
      allocateResource: (namespace, token, constraints) =>
        settle(() => this.allocate(qualify(namespace), scopedToken(scope, token), scopeConstraints(scope, constraints))),
      releaseResource: (namespace, token) => settle(() => this.release(qualify(namespace), scopedToken(scope, token))),
    };
  }

  /** The quota of a pool, if registered. */
  quota(namespace: ResourceNamespace): number | undefined {
    return this.pools.get(namespace)?.quota;
  }

  /** Tokens held in a pool, in allocation order, as stored (scope-qualified). */
  tokens(namespace: ResourceNamespace): string[] {
    return [...(this.pools.get(namespace)?.tokens ?? [])];
  }

  inUse(namespace: ResourceNamespace): number {
    return this.pools.get(namespace)?.tokens.size ?? 0;
  }

  private pool(namespace: ResourceNamespace): Pool {
    const pool = this.pools.get(namespace);
    if (pool === undefined) throw new Error(`no quota is registered for resource namespace "${namespace}"`);
    return pool;
  }

  private allocate(namespace: ResourceNamespace, token: string, constraints: ScopedConstraint[]): AllocationStatus {
    const pool = this.pool(namespace);
    if (pool.tokens.has(token)) return AllocationStatus.Granted;
    if (pool.tokens.size >= pool.quota) return AllocationStatus.Exhausted;
    for (const constraint of constraints) {
      let count = 0;
      for (const held of pool.tokens) if (held.startsWith(constraint.prefix)) count++;
      if (constraint.value <= count) return AllocationStatus.NamespaceQuotaExceeded;
    }
    pool.tokens.add(token);
    return AllocationStatus.Granted;
  }

  private release(namespace: ResourceNamespace, token: string): void {
    this.pool(namespace).tokens.delete(token);
  }
}

function scopeConstraints(scope: ExecutionScope, spec: ResourceConstraintsSpec): ScopedConstraint[] {
  const constraints: ScopedConstraint[] = [];
  if (spec.projectScopeResourceConstraint !== undefined) {
    checkConstraintValue(spec.projectScopeResourceConstraint.value, 'project');
    constraints.push({ prefix: projectPrefix(scope), value: spec.projectScopeResourceConstraint.value });
  }
  if (spec.namespaceScopeResourceConstraint !== undefined) {
    checkConstraintValue(spec.namespaceScopeResourceConstraint.value, 'namespace');
    constraints.push({ prefix: namespacePrefix(scope), value: spec.namespaceScopeResourceConstraint.value });
  }
  return constraints;
}
