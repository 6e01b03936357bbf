import { type KubeObject, type ResourceType } from '../kube/index.js';
import { type PluginKubeClient } from './plugin-kube-client.js';
import { type PluginLogger } from './plugin-logger.js';
import { type ResourceRegistrar } from './resource-manager.js';

/** A TaskAction to reconcile again. */
export interface OwnerKey {
  namespace: string;
  name: string;
}

/** Objects of one resource type a plugin wants the executor to watch for it. */
export interface WatchRequest {
  resource: ResourceType;
  /** Only objects with these labels: put them on what the plugin creates (see `MANAGED_BY_EXECUTOR_SELECTOR`). */
  labelSelector?: string;
  /**
   * What of each object the plugin reads (as client-go's `SetTransform`): the watch cache keeps only this, and
   * reads through `kubeClient` answered from the cache return it, so it must keep every field the plugin reads.
   * Requests that share a watch share its cache: it keeps whole objects unless they all name the same transform.
   */
  transform?: (object: KubeObject) => KubeObject;
  /**
   * Whether the object has run its course (a Pod that succeeded or failed): the round this change brings records
   * an end, which frees what the task held and lets its dependents start, so the executor runs it before rounds of
   * work still starting or running. Asked of the object as the watch cache keeps it.
   */
  hasFinished?: (object: KubeObject) => boolean;
}

/** What a plugin gets once, when it is loaded. */
export interface SetupContext {
  /** Asks for another round for a task, e.g. when the plugin learns by other means that what it runs changed. */
  enqueueOwner(owner: OwnerKey): void;
  /**
   * Asks the executor to watch objects of a resource type in the namespace it executes (Flyte's k8s plugins name
   * theirs as `ResourceToWatch`). Whenever such an object changes and its controller ownerReference is of
   * `ownerKind`, the owning TaskAction gets another round, so a plugin learns of progress without polling. Reads
   * of a watched type through `kubeClient` are answered from the watch cache. Call it while loading: watches start
   * once every plugin is loaded. Several requests for the same type and selector share one watch. An executor
   * told not to watch (progress seen only at its periodic resyncs) takes the request and starts nothing.
   */
  watchOwned(request: WatchRequest): void;
  /** Kind of the objects that own what plugins create (`TaskAction`). */
  readonly ownerKind: string;
  /** Reads of the types plugins watch come from the watch cache when the object is there. */
  readonly kubeClient: PluginKubeClient;
  /** Where the plugin declares its resource pools and their quotas. */
  readonly resourceRegistrar: ResourceRegistrar;
  readonly logger: PluginLogger;
}
