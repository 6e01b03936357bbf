import { type Plugin, type PluginProperties } from '../../../shared/plugins/plugin.js';
import { type PluginKubeClient } from '../../../shared/plugins/plugin-kube-client.js';
import { type OwnerKey, type SetupContext, type WatchRequest } from '../../../shared/plugins/setup-context.js';
import { UNKNOWN_TRANSITION } from '../../../shared/plugins/transition.js';
import { InMemoryResourceManager } from '../../../shared/plugins/in-memory-resource-manager.js';

const unused = (): never => {
  throw new Error('the Kubernetes client is not used by these tests');
};

/** A setup context for loading plugins without a cluster; records the owners plugins enqueue and what they watch. */
export function fakeSetupContext(): SetupContext & { enqueued: OwnerKey[]; watched: WatchRequest[] } {
  const enqueued: OwnerKey[] = [];
  const watched: WatchRequest[] = [];
  const kubeClient: PluginKubeClient = { get: unused, create: unused, patch: unused, delete: unused };
  return {
    enqueued,
    watched,
    enqueueOwner: (owner) => enqueued.push(owner),
    watchOwned: (request) => watched.push(request),
    ownerKind: 'TaskAction',
    kubeClient,
    resourceRegistrar: new InMemoryResourceManager(),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
}

/** A plugin that only reports its id and properties. */
export function stubPlugin(id: string, properties: Partial<PluginProperties> = {}): Plugin {
  return {
    getId: () => id,
    getProperties: () => ({ disableNodeLevelCaching: false, ...properties }),
    handle: () => Promise.resolve(UNKNOWN_TRANSITION),
    abort: () => Promise.resolve(),
    finalize: () => Promise.resolve(),
  };
}
