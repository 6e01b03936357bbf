import { type KubeClient, type WatchHandle } from '../../../shared/kube/kube-client.js';
import { type KubeList, type KubeObject } from '../../../shared/kube/kube-object.js';
import { type ResourceType } from '../../../shared/kube/resource-type.js';

type Answer<T> = (type: ResourceType, namespace: string | undefined, arg?: unknown) => Promise<T>;

/**
 * A KubeClient whose answers each test scripts, for the server's own behaviour (protocols, limits, readiness
 * decisions, shutdown). What Kubernetes itself does is tested against the real control plane.
 */
export class ScriptedKubeClient implements KubeClient {
  readonly namespace = 'default';
  readonly calls: string[] = [];

  constructor(
    private readonly script: {
      get?: Answer<KubeObject>;
      list?: Answer<KubeList<KubeObject>>;
      create?: Answer<KubeObject>;
      delete?: Answer<void>;
    } = {},
  ) {}

  private answer<T>(verb: string, fn: Answer<T> | undefined, type: ResourceType, namespace: string | undefined, arg?: unknown): Promise<T> {
    this.calls.push(`${verb} ${type.plural}`);
    if (!fn) return Promise.reject(new Error(`unexpected ${verb} ${type.plural}`));
    return fn(type, namespace, arg);
  }

  get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string): Promise<T> {
    return this.answer('get', this.script.get, type, namespace, name) as Promise<T>;
  }

  list<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options?: unknown): Promise<KubeList<T>> {
    return this.answer('list', this.script.list, type, namespace, options) as Promise<KubeList<T>>;
  }

  create<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T): Promise<T> {
    return this.answer('create', this.script.create, type, namespace, body) as Promise<T>;
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): Promise<void> {
    return this.answer('delete', this.script.delete, type, namespace, name);
  }

  replace<T extends KubeObject>(): Promise<T> {
    return Promise.reject(new Error('unexpected replace'));
  }

  patch<T extends KubeObject>(): Promise<T> {
    return Promise.reject(new Error('unexpected patch'));
  }

  watch(): WatchHandle {
    throw new Error('unexpected watch');
  }

  getRaw(): Promise<string> {
    return Promise.reject(new Error('unexpected getRaw'));
  }

  streamRaw(): WatchHandle {
    throw new Error('unexpected streamRaw');
  }
}

export const EMPTY_LIST: KubeList<KubeObject> = { metadata: {}, items: [] };
