import { UserError } from '../errors/index.js';
import { type KubeObject } from '../kube/index.js';
import { manifestDocuments, type ManifestText } from './manifest-documents.js';

/** What `install` applies, in this order: CRDs first, so that nothing refers to a type that is not there yet. */
const INSTALLED_KINDS = ['apiextensions.k8s.io/v1 CustomResourceDefinition', 'rbac.authorization.k8s.io/v1 ClusterRole'];

/**
 * The cluster-wide objects of the given manifests that `install` applies: every CustomResourceDefinition, then
 * every ClusterRole, each group in manifest order. Namespaced objects (the in-cluster Deployments and their
 * bindings) are left out: they belong to one namespace (`executorObjects` places the executor's in one).
 */
export function installObjects(manifests: readonly ManifestText[]): KubeObject[] {
  const found: { rank: number; object: KubeObject }[] = [];
  for (const manifest of manifests) {
    for (const { object, document } of manifestDocuments(manifest)) {
      const rank = INSTALLED_KINDS.indexOf(`${object.apiVersion ?? ''} ${object.kind ?? ''}`);
      if (rank < 0) continue;
      if (!object.metadata?.name) throw new UserError(`${object.kind ?? 'object'} without metadata.name`, { file: manifest.source, document });
      found.push({ rank, object });
    }
  }
  // Array.prototype.sort is stable: manifest order holds within each kind.
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.object);
}
