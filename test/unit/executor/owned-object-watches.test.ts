import { describe, expect, it } from 'vitest';
import { cacheFirstClient } from '../../../shared/executor/cache-first-client.js';
import { type OwnerRef, OwnedObjectWatches } from '../../../shared/executor/owned-object-watches.js';
import { type KubeObject, type OwnerReference } from '../../../shared/kube/kube-object.js';
import { pollUntil } from '../../../shared/kube/poll-until.js';
import { JOBS, SERVICES } from '../../../shared/kube/resource-type.js';
import { InMemoryKubeClient } from '../kube/in-memory-kube-client.js';

const OWNER: OwnerReference = { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'a0', uid: 'uid-a0', controller: true };

function job(name: string, ownerReferences: OwnerReference[] = [OWNER], labels: Record<string, string> = { mine: 'yes' }): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'flyte', labels, ownerReferences } };
}

function watches(client: InMemoryKubeClient, enabled = true): { watches: OwnedObjectWatches; changes: OwnerRef[]; finished: boolean[] } {
  const changes: OwnerRef[] = [];
  const finished: boolean[] = [];
  const owned = new OwnedObjectWatches({
    client,
    namespace: 'flyte',
    ownerKind: 'TaskAction',
    enabled,
    onOwnedChange: (owner, change) => {
      changes.push(owner);
      finished.push(change.finished);
    },
  });
  return { watches: owned, changes, finished };
}

async function started(owned: OwnedObjectWatches): Promise<void> {
  const created = owned.create();
  for (const { informer } of created) informer.start();
  await Promise.all(created.map(({ informer }) => informer.synced));
}

const until = (check: () => boolean) => pollUntil(() => Promise.resolve(check()), { timeoutMs: 2000, what: () => 'the watch event' });

describe('OwnedObjectWatches', () => {
  it('runs one watch per resource type and label selector, in the executed namespace', async () => {
    const client = new InMemoryKubeClient('flyte');
    const { watches: owned } = watches(client);
    owned.request({ resource: JOBS, labelSelector: 'mine=yes' });
    owned.request({ resource: JOBS, labelSelector: 'mine=yes' });
    owned.request({ resource: SERVICES });
    await started(owned);
    expect(client.requests.filter((r) => r.startsWith('list')).sort()).toEqual(['list jobs.batch flyte mine=yes', 'list services flyte']);
    expect(() => owned.request({ resource: JOBS })).toThrow('the watch of jobs.batch was asked for after the plugins were loaded; ask while loading');
    owned.stop();
  });

  it('reports the controlling owner of the watched kind when an object is added, changed or deleted', async () => {
    const client = new InMemoryKubeClient('flyte');
    const { watches: owned, changes } = watches(client);
    owned.request({ resource: JOBS, labelSelector: 'mine=yes' });
    await started(owned);

    await client.create(JOBS, 'flyte', job('j1'));
    await until(() => changes.length === 1);
    await client.patch(JOBS, 'flyte', 'j1', { metadata: { annotations: { touched: 'yes' } } }, 'merge');
    await until(() => changes.length === 2);
    await client.delete(JOBS, 'flyte', 'j1');
    await until(() => changes.length === 3);
    expect(changes).toEqual(Array.from({ length: 3 }, () => ({ namespace: 'flyte', name: 'a0', uid: 'uid-a0' })));

    // Not controlled by a TaskAction, owned by another kind, or outside the selector: nobody to wake.
    await client.create(JOBS, 'flyte', job('j2', [{ ...OWNER, controller: false }]));
    await client.create(JOBS, 'flyte', job('j3', [{ ...OWNER, kind: 'CronJob' }]));
    await client.create(JOBS, 'flyte', job('j4', [OWNER], { mine: 'no' }));
    await client.create(JOBS, 'flyte', job('j5', [{ ...OWNER, name: 'a1', uid: 'uid-a1' }]));
    await until(() => changes.length === 4);
    expect(changes.at(-1)).toEqual({ namespace: 'flyte', name: 'a1', uid: 'uid-a1' });
    owned.stop();
  });

  it('says when the changed object has run its course, as any request sharing the watch judges it', async () => {
    const client = new InMemoryKubeClient('flyte');
    const { watches: owned, finished } = watches(client);
    owned.request({ resource: JOBS, labelSelector: 'mine=yes' });
    owned.request({ resource: JOBS, labelSelector: 'mine=yes', hasFinished: (object) => object.metadata.annotations?.done === 'yes' });
    await started(owned);

    await client.create(JOBS, 'flyte', job('j1'));
    await until(() => finished.length === 1);
    await client.patch(JOBS, 'flyte', 'j1', { metadata: { annotations: { done: 'yes' } } }, 'merge');
    await until(() => finished.length === 2);
    // Its deletion is not an end the task reached.
    await client.delete(JOBS, 'flyte', 'j1');
    await until(() => finished.length === 3);
    expect(finished).toEqual([false, true, false]);
    owned.stop();
  });

  it('wakes nobody when nothing the cache keeps of the object changed', async () => {
    const client = new InMemoryKubeClient('flyte');
    const { watches: owned, changes } = watches(client);
    // What the plugin reads: identity, owners and one annotation.
    const transform = (object: KubeObject): KubeObject => ({
      metadata: {
        ...(object.metadata.name !== undefined ? { name: object.metadata.name } : {}),
        ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
        ...(object.metadata.resourceVersion !== undefined ? { resourceVersion: object.metadata.resourceVersion } : {}),
        ...(object.metadata.ownerReferences !== undefined ? { ownerReferences: object.metadata.ownerReferences } : {}),
        annotations: { done: object.metadata.annotations?.done ?? 'no' },
      },
    });
    owned.request({ resource: JOBS, labelSelector: 'mine=yes', transform });
    await started(owned);

    await client.create(JOBS, 'flyte', job('j1'));
    await until(() => changes.length === 1);
    // Not kept by the transform: no round can tell the difference.
    await client.patch(JOBS, 'flyte', 'j1', { metadata: { annotations: { unread: 'x' } } }, 'merge');
    await client.patch(JOBS, 'flyte', 'j1', { metadata: { annotations: { done: 'yes' } } }, 'merge');
    await until(() => changes.length >= 2);
    // Events come in order: had the first patch been reported, it would have been before the second.
    expect(changes).toHaveLength(2);
    expect(owned.get(JOBS, 'flyte', 'j1')?.metadata.annotations).toEqual({ done: 'yes' });
    owned.stop();
  });

  it('answers the plugins\' reads of a watched type from its cache, and everything else from the API server', async () => {
    const client = new InMemoryKubeClient('flyte');
    client.seed(JOBS, job('cached'));
    client.seed(JOBS, job('unselected', [OWNER], { mine: 'no' }));
    const { watches: owned } = watches(client);
    owned.request({ resource: JOBS, labelSelector: 'mine=yes' });
    await started(owned);

    expect(owned.get(JOBS, 'flyte', 'cached')?.metadata.name).toBe('cached');
    expect(owned.get(SERVICES, 'flyte', 'cached')).toBeUndefined();
    expect(owned.get(JOBS, 'flyte', 'unselected')).toBeUndefined();

    const reads = cacheFirstClient(client, owned);
    const fromCache = await reads.get(JOBS, undefined, 'cached');
    const fromServer = await reads.get(JOBS, 'flyte', 'unselected');
    expect([fromCache.metadata.name, fromServer.metadata.name]).toEqual(['cached', 'unselected']);
    expect(owned.get(JOBS, 'flyte', 'cached')).toBe(fromCache);
    owned.stop();
  });

  it('keeps what the plugins read when they all name the same transform, and whole objects otherwise', async () => {
    const client = new InMemoryKubeClient('flyte');
    client.seed(JOBS, { ...job('j1'), metadata: { ...job('j1').metadata, managedFields: [{ manager: 'm' }], annotations: { big: 'x'.repeat(100) } } });
    const namesOnly = (object: KubeObject): KubeObject => ({ metadata: { name: object.metadata.name, namespace: object.metadata.namespace, ownerReferences: object.metadata.ownerReferences } });
    const { watches: same } = watches(client);
    same.request({ resource: JOBS, labelSelector: 'mine=yes', transform: namesOnly });
    same.request({ resource: JOBS, labelSelector: 'mine=yes', transform: namesOnly });
    await started(same);
    expect(same.get(JOBS, 'flyte', 'j1')).toEqual({ metadata: { name: 'j1', namespace: 'flyte', ownerReferences: [OWNER] } });
    same.stop();

    const { watches: mixed } = watches(client);
    mixed.request({ resource: JOBS, labelSelector: 'mine=yes', transform: namesOnly });
    mixed.request({ resource: JOBS, labelSelector: 'mine=yes' });
    await started(mixed);
    const whole = mixed.get(JOBS, 'flyte', 'j1');
    expect(whole?.metadata.annotations).toEqual({ big: 'x'.repeat(100) });
    expect(whole?.metadata).not.toHaveProperty('managedFields');
    mixed.stop();
  });

  it('watches nothing when told not to: reads go to the API server and changes wait for a resync', async () => {
    const client = new InMemoryKubeClient('flyte');
    client.seed(JOBS, job('j1'));
    const { watches: owned, changes } = watches(client, false);
    owned.request({ resource: JOBS, labelSelector: 'mine=yes' });
    expect(owned.create()).toEqual([]);
    expect(owned.get(JOBS, 'flyte', 'j1')).toBeUndefined();
    await client.create(JOBS, 'flyte', job('j2'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.requests).toEqual([]);
    expect(changes).toEqual([]);
  });
});
