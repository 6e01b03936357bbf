import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../../shared/errors/connection-error.js';
import { Informer, type InformerEventType } from '../../../shared/kube/informer.js';
import { type KubeClient, type WatchHandle, type WatchOptions } from '../../../shared/kube/kube-client.js';
import { type KubeList, type KubeObject, type WatchEvent } from '../../../shared/kube/kube-object.js';
import { pollUntil } from '../../../shared/kube/poll-until.js';
import { PODS } from '../../../shared/kube/resource-type.js';
import { withoutManagedFields } from '../../../shared/kube/without-managed-fields.js';

/** A scripted API: lists return the current objects; each watch call is handed to the test to drive. */
class ScriptedApi {
  objects = new Map<string, KubeObject>();
  resourceVersion = 1;
  listFailures: Error[] = [];
  watches: { options: WatchOptions; emit: (e: WatchEvent<KubeObject>) => void; end: (err?: Error) => void; stopped: boolean }[] = [];

  put(name: string): KubeObject {
    const obj = { metadata: { name, namespace: 'ns', resourceVersion: String(++this.resourceVersion) } };
    this.objects.set(name, obj);
    return obj;
  }

  client(): KubeClient {
    return {
      namespace: 'ns',
      list: <T extends KubeObject>(): Promise<KubeList<T>> => {
        const failure = this.listFailures.shift();
        if (failure) return Promise.reject(failure);
        return Promise.resolve({ metadata: { resourceVersion: String(this.resourceVersion) }, items: [...this.objects.values()] as T[] });
      },
      watch: <T extends KubeObject>(_t: unknown, _ns: unknown, options: WatchOptions, onEvent: (e: WatchEvent<T>) => void): WatchHandle => {
        let settle!: (err?: Error) => void;
        const done = new Promise<void>((resolve, reject) => (settle = (err) => (err ? reject(err) : resolve())));
        const entry = { options, emit: onEvent as (e: WatchEvent<KubeObject>) => void, end: settle, stopped: false };
        this.watches.push(entry);
        return { done, stop: () => ((entry.stopped = true), settle()) };
      },
      get: () => Promise.reject(new Error('unused')),
      create: () => Promise.reject(new Error('unused')),
      replace: () => Promise.reject(new Error('unused')),
      patch: () => Promise.reject(new Error('unused')),
      delete: () => Promise.reject(new Error('unused')),
      getRaw: () => Promise.reject(new Error('unused')),
      streamRaw: () => {
        throw new Error('unused');
      },
    };
  }
}

function record(informer: Informer<KubeObject>): { events: string[]; errors: string[] } {
  const seen = { events: [] as string[], errors: [] as string[] };
  informer.addListener({
    onEvent: (type: InformerEventType, obj) => seen.events.push(`${type} ${obj.metadata.name}`),
    onError: (err) => seen.errors.push(err.message),
  });
  return seen;
}

const fast = { backoffMs: { initial: 5, max: 20 } };
const until = (check: () => boolean) => pollUntil(() => Promise.resolve(check()), { timeoutMs: 2000, what: () => 'condition' });

describe('Informer', () => {
  it('lists, then watches from the list resource version and applies events', async () => {
    const api = new ScriptedApi();
    api.put('a');
    const informer = new Informer(api.client(), PODS, { namespace: 'ns', ...fast });
    const seen = record(informer);
    informer.start();
    await informer.synced;
    await until(() => api.watches.length === 1);
    expect(api.watches[0]?.options.resourceVersion).toBe(String(api.resourceVersion));
    expect(api.watches[0]?.options.allowWatchBookmarks).toBe(true);
    api.watches[0]?.emit({ type: 'ADDED', object: api.put('b') });
    api.watches[0]?.emit({ type: 'DELETED', object: api.objects.get('a')! });
    expect(seen.events).toEqual(['added a', 'added b', 'deleted a']);
    expect(informer.list().map((o) => o.metadata.name)).toEqual(['b']);
    informer.stop();
  });

  it('caches and hands listeners the transformed object, from lists and from watch events', async () => {
    const api = new ScriptedApi();
    const bulky = (name: string): KubeObject => {
      const object = api.put(name);
      return { ...object, metadata: { ...object.metadata, managedFields: [{ manager: 'kubectl', operation: 'Apply' }] } };
    };
    api.objects.set('a', bulky('a'));
    const informer = new Informer(api.client(), PODS, { namespace: 'ns', transform: withoutManagedFields, ...fast });
    const handed: KubeObject[] = [];
    informer.addListener({ onEvent: (_type, obj) => handed.push(obj) });
    informer.start();
    await until(() => api.watches.length === 1);
    api.watches[0]?.emit({ type: 'ADDED', object: bulky('b') });
    expect(handed.map((o) => [o.metadata.name, o.metadata.managedFields])).toEqual([['a', undefined], ['b', undefined]]);
    expect(informer.list().map((o) => o.metadata.managedFields)).toEqual([undefined, undefined]);
    expect(informer.get('ns', 'b')?.metadata.resourceVersion).toBe(String(api.resourceVersion));
    informer.stop();
  });

  it('retries a failed list with backoff and reports the error', async () => {
    const api = new ScriptedApi();
    api.listFailures.push(new KubeConnectionError('https://x', 'connect ECONNREFUSED'), new KubeConnectionError('https://x', 'connect ECONNREFUSED'));
    api.put('a');
    const informer = new Informer(api.client(), PODS, { namespace: 'ns', ...fast });
    const seen = record(informer);
    informer.start();
    await informer.synced;
    expect(seen.errors).toHaveLength(2);
    expect(informer.list()).toHaveLength(1);
    informer.stop();
  });

  it('re-lists on 410 Gone and reports what changed meanwhile as events', async () => {
    const api = new ScriptedApi();
    api.put('stays');
    api.put('goes');
    const informer = new Informer(api.client(), PODS, { namespace: 'ns', ...fast });
    const seen = record(informer);
    informer.start();
    await until(() => api.watches.length === 1);
    api.objects.delete('goes');
    api.put('new');
    api.put('stays');
    api.watches[0]?.end(new KubeApiError(410, 'Expired', 'too old resource version'));
    await until(() => api.watches.length === 2);
    expect(seen.events.slice(2).sort()).toEqual(['added new', 'deleted goes', 'modified stays']);
    expect(seen.errors).toEqual([]);
    informer.stop();
  });

  it('reconnects from the last seen resource version after a dropped connection', async () => {
    const api = new ScriptedApi();
    const informer = new Informer(api.client(), PODS, { namespace: 'ns', ...fast });
    informer.start();
    await until(() => api.watches.length === 1);
    const obj = api.put('a');
    api.watches[0]?.emit({ type: 'ADDED', object: obj });
    api.watches[0]?.end(new KubeConnectionError('https://x', 'socket hang up'));
    await until(() => api.watches.length === 2);
    expect(api.watches[1]?.options.resourceVersion).toBe(obj.metadata.resourceVersion);
    informer.stop();
  });

  it('restarts a watch that stays silent past the watchdog', async () => {
    const api = new ScriptedApi();
    const informer = new Informer(api.client(), PODS, { namespace: 'ns', watchdogMs: 30, ...fast });
    informer.start();
    await until(() => api.watches.length >= 2);
    expect(api.watches[0]?.stopped).toBe(true);
    informer.stop();
  });
});
