import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllocationStatus } from '../../../shared/plugins/allocation-status.js';
import { type ExecutionScope, InMemoryResourceManager } from '../../../shared/plugins/in-memory-resource-manager.js';
import { createSubNamespace } from '../../../shared/plugins/resource-manager.js';

const scope: ExecutionScope = { project: 'p', domain: 'dev', runName: 'r1' };
const { Granted, Exhausted, NamespaceQuotaExceeded } = AllocationStatus;

describe('ResourceNamespace', () => {
  it('creates sub-namespaces with ":"', () => {
    expect(createSubNamespace('pod', 'pods')).toBe('pod:pods');
    expect(createSubNamespace(createSubNamespace('a', 'b'), 'c')).toBe('a:b:c');
  });
});

describe('InMemoryResourceManager', () => {
  it('grants up to the quota, then reports exhaustion until a token is released', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 2);
    const rm = manager.forExecution(scope);
    expect(await rm.allocateResource('pods', 't1', {})).toBe(Granted);
    expect(await rm.allocateResource('pods', 't2', {})).toBe(Granted);
    expect(await rm.allocateResource('pods', 't3', {})).toBe(Exhausted);
    expect(manager.inUse('pods')).toBe(2);
    await rm.releaseResource('pods', 't1');
    expect(manager.inUse('pods')).toBe(1);
    expect(await rm.allocateResource('pods', 't3', {})).toBe(Granted);
    expect(manager.tokens('pods')).toEqual(['ex:p:dev:r1-t2', 'ex:p:dev:r1-t3']);
  });

  it('grants a held token again without taking another unit, even when the pool is full', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 1);
    const rm = manager.forExecution(scope);
    expect(await rm.allocateResource('pods', 't1', {})).toBe(Granted);
    expect(await rm.allocateResource('pods', 't1', {})).toBe(Granted);
    expect(manager.inUse('pods')).toBe(1);
    expect(await rm.allocateResource('pods', 't2', {})).toBe(Exhausted);
  });

  it('releasing a token that is not held does nothing', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 1);
    const rm = manager.forExecution(scope);
    await rm.allocateResource('pods', 't1', {});
    await rm.releaseResource('pods', 'other');
    await rm.releaseResource('pods', 't1');
    await rm.releaseResource('pods', 't1');
    expect(manager.inUse('pods')).toBe(0);
  });

  it('the same token from another run is another token', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 2);
    await manager.forExecution(scope).allocateResource('pods', 't', {});
    await manager.forExecution({ ...scope, runName: 'r2' }).allocateResource('pods', 't', {});
    expect(manager.inUse('pods')).toBe(2);
  });

  it('caps a project: allowed while the cap is above its tokens in use', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 10);
    const cap = { projectScopeResourceConstraint: { value: 2 } };
    const a = manager.forExecution({ project: 'a', domain: 'dev', runName: 'r1' });
    const aProd = manager.forExecution({ project: 'a', domain: 'prod', runName: 'r2' });
    const b = manager.forExecution({ project: 'b', domain: 'dev', runName: 'r3' });
    expect(await a.allocateResource('pods', '1', cap)).toBe(Granted);
    expect(await aProd.allocateResource('pods', '2', cap)).toBe(Granted);
    expect(await a.allocateResource('pods', '3', cap)).toBe(NamespaceQuotaExceeded);
    expect(await b.allocateResource('pods', '1', cap)).toBe(Granted);
    // Without constraints, the pool quota alone decides.
    expect(await a.allocateResource('pods', '3', {})).toBe(Granted);
    await a.releaseResource('pods', '1');
    await a.releaseResource('pods', '3');
    expect(await a.allocateResource('pods', '4', cap)).toBe(Granted);
  });

  it('caps a namespace (project + domain) separately from the project', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 10);
    const both = { projectScopeResourceConstraint: { value: 3 }, namespaceScopeResourceConstraint: { value: 1 } };
    const dev = manager.forExecution({ project: 'a', domain: 'dev', runName: 'r' });
    const prod = manager.forExecution({ project: 'a', domain: 'prod', runName: 'r' });
    expect(await dev.allocateResource('pods', '1', both)).toBe(Granted);
    expect(await dev.allocateResource('pods', '2', both)).toBe(NamespaceQuotaExceeded);
    expect(await prod.allocateResource('pods', '1', both)).toBe(Granted);
    expect(await prod.allocateResource('pods', '2', { projectScopeResourceConstraint: { value: 3 } })).toBe(Granted);
    expect(await prod.allocateResource('pods', '3', { projectScopeResourceConstraint: { value: 3 } })).toBe(
      NamespaceQuotaExceeded,
    );
  });

  it('a cap of 0 allows nothing; the pool quota is checked before caps', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 1);
    const rm = manager.forExecution(scope);
    expect(await rm.allocateResource('pods', '1', { namespaceScopeResourceConstraint: { value: 0 } })).toBe(
      NamespaceQuotaExceeded,
    );
    await rm.allocateResource('pods', '1', {});
    expect(await rm.allocateResource('pods', '2', { namespaceScopeResourceConstraint: { value: 5 } })).toBe(Exhausted);
  });

  it('does not count project "ab" against project "a"', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registerResourceQuota('pods', 10);
    const cap = { projectScopeResourceConstraint: { value: 1 } };
    expect(await manager.forExecution({ project: 'ab', domain: 'd', runName: 'r' }).allocateResource('pods', 't', cap)).toBe(Granted);
    expect(await manager.forExecution({ project: 'a', domain: 'd', runName: 'r' }).allocateResource('pods', 't', cap)).toBe(Granted);
  });

  it('keeps sub-namespaces of a plugin apart', async () => {
    const manager = new InMemoryResourceManager();
    await manager.registrarFor('pod').registerResourceQuota('cluster-a', 1);
    await manager.registrarFor('pod').registerResourceQuota('cluster-b', 1);
    expect(manager.quota('pod:cluster-a')).toBe(1);
    const rm = manager.forExecution(scope, 'pod');
    expect(await rm.allocateResource('cluster-a', 't1', {})).toBe(Granted);
    expect(await rm.allocateResource('cluster-a', 't2', {})).toBe(Exhausted);
    expect(await rm.allocateResource('cluster-b', 't2', {})).toBe(Granted);
    expect(manager.inUse('pod:cluster-a')).toBe(1);
    // Without the prefix the plugin's pools are not visible.
    await expect(manager.forExecution(scope).allocateResource('cluster-a', 't', {})).rejects.toThrow(
      'no quota is registered for resource namespace "cluster-a"',
    );
  });

  it('rejects bad registrations, unknown namespaces and bad caps', async () => {
    const manager = new InMemoryResourceManager('rm-1');
    expect(manager.getId()).toBe('rm-1');
    expect(manager.forExecution(scope).getId()).toBe('rm-1');
    await expect(manager.registerResourceQuota('pods', 0)).rejects.toThrow('invalid quota 0');
    await expect(manager.registerResourceQuota('pods', 1.5)).rejects.toThrow('invalid quota 1.5');
    await manager.registerResourceQuota('pods', 1);
    await expect(manager.registerResourceQuota('pods', 2)).rejects.toThrow('resource namespace "pods" already has a quota');
    await expect(manager.forExecution(scope).releaseResource('nope', 't')).rejects.toThrow('no quota is registered');
    await expect(
      manager.forExecution(scope).allocateResource('pods', 't', { projectScopeResourceConstraint: { value: -1 } }),
    ).rejects.toThrow('the project resource constraint must be a whole number of at least 0, not -1');
    expect(manager.quota('nope')).toBeUndefined();
    expect(manager.inUse('nope')).toBe(0);
  });

  it('behaves like a set with a quota and caps, for any sequence of requests', async () => {
    const op = fc.record({
      release: fc.boolean(),
      project: fc.constantFrom('a', 'b'),
      token: fc.constantFrom('1', '2', '3', '4'),
      cap: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 30 }), async (quota, ops) => {
        const manager = new InMemoryResourceManager();
        await manager.registerResourceQuota('pool', quota);
        const held = new Set<string>();
        for (const { release, project, token, cap } of ops) {
          const rm = manager.forExecution({ project, domain: 'd', runName: 'r' });
          const key = `${project}/${token}`;
          if (release) {
            await rm.releaseResource('pool', token);
            held.delete(key);
            continue;
          }
          const status = await rm.allocateResource(
            'pool',
            token,
            cap === undefined ? {} : { projectScopeResourceConstraint: { value: cap } },
          );
          const inProject = [...held].filter((k) => k.startsWith(`${project}/`)).length;
          const expected = held.has(key)
            ? Granted
            : held.size >= quota
              ? Exhausted
              : cap !== undefined && cap <= inProject
                ? NamespaceQuotaExceeded
                : Granted;
          expect(status).toBe(expected);
          if (status === Granted) held.add(key);
          expect(manager.inUse('pool')).toBe(held.size);
        }
      }),
    );
  });
});
