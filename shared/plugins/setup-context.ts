import { type PluginKubeClient } from './plugin-kube-client.js';
import { type PluginLogger } from './plugin-logger.js';
import { type ResourceRegistrar } from './resource-manager.js';

/** A TaskAction to reconcile again. */
export interface OwnerKey {
  namespace: string;
  name: string;
}

/** What a plugin gets once, when it is loaded. */
export interface SetupContext {
  /** Asks for another round for a task, e.g. when the plugin learns its Pod changed. */
  enqueueOwner(owner: OwnerKey): void;
  /** Kind of the objects that own what plugins create (`TaskAction`). */
  readonly ownerKind: string;
  readonly kubeClient: PluginKubeClient;
  /** Where the plugin declares its resource pools and their quotas. */
  readonly resourceRegistrar: ResourceRegistrar;
  readonly logger: PluginLogger;
}
