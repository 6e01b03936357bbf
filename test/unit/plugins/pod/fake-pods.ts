import { KubeApiError } from '../../../../shared/errors/api-error.js';
import { type KubeObject } from '../../../../shared/kube/kube-object.js';
import { type Pod } from '../../../../shared/kube/pod.js';
import { type PluginKubeClient } from '../../../../shared/plugins/plugin-kube-client.js';
import { podFieldsRead } from '../../../../shared/plugins/pod/pod-fields-read.js';

/** How reads answer: whole Pods as the API server sends them, or only what the executor's watch cache keeps. */
export type PodShape = 'sent' | 'cached';

/** Pods by name, answering as the plugin expects the API server to (this tests the plugin's decisions). */
export class FakePods implements PluginKubeClient {
  readonly pods = new Map<string, Pod>();
  readonly deleted: string[] = [];
  createError: KubeApiError | undefined;

  constructor(private readonly shape: PodShape = 'sent') {}

  get<T extends KubeObject>(_type: unknown, _namespace: string | undefined, name: string): Promise<T> {
    const pod = this.pods.get(name);
    if (pod === undefined) return Promise.reject(new KubeApiError(404, 'NotFound', `pods "${name}" not found`));
    return Promise.resolve((this.shape === 'cached' ? podFieldsRead(pod) : pod) as unknown as T);
  }

  create<T extends KubeObject>(_type: unknown, _namespace: string | undefined, body: T): Promise<T> {
    if (this.createError !== undefined) return Promise.reject(this.createError);
    const name = body.metadata.name ?? '';
    if (this.pods.has(name)) return Promise.reject(new KubeApiError(409, 'AlreadyExists', `pods "${name}" already exists`));
    this.pods.set(name, { ...(body as unknown as Pod), metadata: { ...body.metadata, uid: `pod-${name}` } });
    return Promise.resolve(body);
  }

  patch(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }

  delete(_type: unknown, _namespace: string | undefined, name: string): Promise<void> {
    this.deleted.push(name);
    this.pods.delete(name);
    return Promise.resolve();
  }
}
