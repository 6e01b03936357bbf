import { isPodFinished, type KubeObject, PODS, type ResourceType } from '../../kube/index.js';

/**
 * The pod plugins' Pods as something an action owns: what abort deletes itself when no executor runs to abort
 * them (the shape of the queue's `OwnedObjectKind`; the queue never learns what a Pod is). Every Pod the plugins
 * create carries its TaskAction's labels and a controller ownerReference to it, which is how they are found.
 */
export const POD_OWNED_OBJECTS: { resource: ResourceType; isRunning(object: KubeObject): boolean } = {
  resource: PODS,
  isRunning: (object) => !isPodFinished(object),
};
