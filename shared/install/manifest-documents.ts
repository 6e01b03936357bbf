import { parseAllDocuments } from 'yaml';
import { UserError } from '../errors/index.js';
import { type KubeObject } from '../kube/index.js';

/** A manifest file's text and where it came from (for error messages). */
export interface ManifestText {
  source: string;
  text: string;
}

/** The objects of a manifest, in document order with their index; empty documents are skipped. */
export function manifestDocuments(manifest: ManifestText): { object: KubeObject; document: number }[] {
  const found: { object: KubeObject; document: number }[] = [];
  parseAllDocuments(manifest.text).forEach((doc, document) => {
    if (doc.errors.length > 0) {
      throw new UserError(`cannot parse YAML: ${doc.errors[0]?.message ?? 'unknown error'}`, { file: manifest.source, document });
    }
    const object = doc.toJS() as KubeObject | null;
    if (object !== null) found.push({ object, document });
  });
  return found;
}
