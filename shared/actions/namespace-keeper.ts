import { isKubeApiError, KubeApiError } from '../errors/index.js';
import { type KubeClient, NAMESPACES } from '../kube/index.js';

/** `namespaces "flyte" not found`: how the API server refuses a namespaced create in a namespace that is gone. */
function isNamespaceMissing(err: unknown, namespace: string): boolean {
  return isKubeApiError(err) && err.code === 404 && err.message.includes(`namespaces "${namespace}" not found`);
}

/**
 * The one namespace of Flyte's current ActionsService, created on Enqueue when it is missing, as Flyte's service
 * does (a fresh cluster needs no set-up before the first run). Once it is known to exist it is not asked again;
 * should it disappear while serving, the create that fails for it brings it back and is repeated once.
 */
export class NamespaceKeeper {
  private known: Promise<void> | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
  ) {}

  /** Runs `write` (a create in the namespace) with the namespace in place. */
  async within<T>(write: () => Promise<T>): Promise<T> {
    await this.ensure();
    try {
      return await write();
    } catch (err) {
      if (!isNamespaceMissing(err, this.namespace)) throw err;
      this.known = undefined;
      await this.ensure();
      return write();
    }
  }

  private ensure(): Promise<void> {
    this.known ??= this.createIfMissing().catch((err: unknown) => {
      // Not known after all: the next request asks again.
      this.known = undefined;
      throw err;
    });
    return this.known;
  }

  private async createIfMissing(): Promise<void> {
    try {
      await this.client.get(NAMESPACES, undefined, this.namespace);
      return;
    } catch (err) {
      // Without `get` on namespaces (a role from before this rule) the server cannot tell; the create in the
      // namespace then says whether it exists.
      if (isKubeApiError(err) && err.code === 403) return;
      if (!(isKubeApiError(err) && err.code === 404)) throw err;
    }
    try {
      await this.client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.namespace } });
    } catch (err) {
      if (isKubeApiError(err) && err.code === 409) return;
      if (isKubeApiError(err) && err.code === 403) {
        throw new KubeApiError(
          403,
          err.reason,
          `namespace "${this.namespace}" does not exist and this server may not create it (${err.message}); create the namespace, ` +
            'or bind the kueue-serve ClusterRole to the server with a ClusterRoleBinding (creating a namespace is a cluster-wide right)',
          err.causes,
        );
      }
      throw err;
    }
  }
}
