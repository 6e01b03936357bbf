import { UserError } from '../errors/index.js';
import { type KubeObject } from '../kube/index.js';
import { productVersion, publishedImage } from '../version/index.js';
import { isImageReference } from './image-reference.js';
import { manifestDocuments, type ManifestText } from './manifest-documents.js';

/** The executor's image unless told otherwise: the one this version publishes. */
export function defaultExecutorImage(): string {
  return publishedImage();
}

/** Where the executor runs and on what. */
export interface ExecutorPlacement {
  /** The namespace whose TaskActions it executes, and where its ServiceAccount, RoleBinding and Deployment live. */
  namespace: string;
  image: string;
}

/** The container of the executor Deployment in crds/in-cluster-executor.yaml. */
const EXECUTOR_CONTAINER = 'executor';
const NAMESPACE_FLAGS = ['-n', '--namespace'];
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
interface PodTemplateOwner extends KubeObject {
  spec?: { template?: { spec?: { containers?: { name: string; image?: string; args?: string[] }[] } } };
}

interface RoleBindingLike extends KubeObject {
  subjects?: { kind: string; namespace?: string }[];
}

/**
 * Refuses a namespace the API server would refuse and an image no runtime could pull (the API server takes any
 * string, and the Pod would only fail to start), naming the flag, before anything is sent.
 */
export function checkExecutorPlacement(placement: ExecutorPlacement, flags: { namespace: string; image: string }): void {
  if (!DNS_1123_LABEL.test(placement.namespace) || placement.namespace.length > 63) {
    throw new UserError(`${flags.namespace} ${placement.namespace}: not a namespace name`, {}, 'a namespace name is lower-case letters, digits and -, at most 63 characters, e.g. flyte');
  }
  if (!isImageReference(placement.image)) {
    throw new UserError(`${flags.image} ${placement.image}: not an image reference`, {}, `give one as a container runtime pulls it, e.g. registry.example/kubectl-kueue:${productVersion()}`);
  }
}

/**
 * The executor's ServiceAccount, RoleBinding and Deployment from crds/in-cluster-executor.yaml, moved to
 * `placement.namespace` (the objects, the binding's subject, the executor's `-n`) and running `placement.image`.
 * Everything else (probes, ports, security context, resources) stays as the manifest has it.
 */
export function executorObjects(manifest: ManifestText, placement: ExecutorPlacement): KubeObject[] {
  const objects = manifestDocuments(manifest).map(({ object }) => structuredClone(object));
  for (const object of objects) {
    object.metadata = { ...object.metadata, namespace: placement.namespace };
    if (object.kind === 'RoleBinding') {
      for (const subject of (object as RoleBindingLike).subjects ?? []) if (subject.kind === 'ServiceAccount') subject.namespace = placement.namespace;
    }
    if (object.kind === 'Deployment') placeExecutorContainer(manifest.source, object, placement);
  }
  return objects;
}

function placeExecutorContainer(source: string, deployment: PodTemplateOwner, placement: ExecutorPlacement): void {
  const container = deployment.spec?.template?.spec?.containers?.find((c) => c.name === EXECUTOR_CONTAINER);
  const namespaceAt = container?.args?.findIndex((arg) => NAMESPACE_FLAGS.includes(arg)) ?? -1;
  if (container?.args === undefined || namespaceAt < 0 || namespaceAt + 1 >= container.args.length) {
    // The manifest is part of the plugin: this is a packaging mistake, not the user's.
    throw new Error(`${source}: Deployment/${deployment.metadata.name ?? ''} has no container ${EXECUTOR_CONTAINER} with -n NAMESPACE in its args`);
  }
  container.image = placement.image;
  container.args[namespaceAt + 1] = placement.namespace;
}
